// litgraph_tagger_bench: how fast the vocabulary loads, the tagger builds,
// and the tagger tags text on one core.
//
// The text is real: the titles and abstracts of the PubMed records in the
// shared efetch files, the five seed articles and the BC5CDR abstracts,
// concatenated and repeated to at least --megabytes MB. One thread; the best
// of --repeat passes is reported, with the median.
#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bc5cdr.h"
#include "litgraph/crawlers/pubmed_stream.h"
#include "litgraph/indexer/tagger.h"
#include "litgraph/schema/error.h"
#include "litgraph/schema/vocabulary.h"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values[values.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Times vocabulary loading, tagger building and tagging (one core)",
               "litgraph_tagger_bench"};
  std::string vocabulary_dir = litgraph::schema::default_vocabulary_directory().string();
  std::string pubmed = LITGRAPH_DEFAULT_PUBMED_DIR;
  std::string corpus = LITGRAPH_DEFAULT_CORPUS_DIR;
  std::string bc5cdr = LITGRAPH_DEFAULT_BC5CDR_DIR;
  double megabytes = 64;
  int repeat = 3;
  app.add_option("--vocabulary", vocabulary_dir, "Folder of the vocabulary files");
  app.add_option("--pubmed", pubmed, "Folder of PubMed efetch .xml.gz files");
  app.add_option("--megabytes", megabytes, "Tag at least this much text per pass (MB)");
  app.add_option("--repeat", repeat, "Timed passes (loading and tagging)")->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  try {
    std::vector<double> load_seconds;
    std::vector<double> build_seconds;
    std::size_t entities = 0;
    for (int pass = 0; pass < repeat; ++pass) {
      auto start = Clock::now();
      auto vocabulary = litgraph::schema::Vocabulary::load_directory(vocabulary_dir);
      load_seconds.push_back(seconds_since(start));
      start = Clock::now();
      litgraph::indexer::Tagger tagger(vocabulary);
      build_seconds.push_back(seconds_since(start));
      entities = vocabulary.size();
    }
    const auto vocabulary = litgraph::schema::Vocabulary::load_directory(vocabulary_dir);
    const litgraph::indexer::Tagger tagger(vocabulary);

    std::string text;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(pubmed)) {
      if (entry.path().extension() == ".gz") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    std::size_t records = 0;
    for (const auto& file : files) {
      litgraph::crawlers::PubmedStream stream(file);
      while (auto work = stream.next()) {
        ++records;
        text += work->title.value_or("");
        text += '\n';
        text += work->abstract.value_or("");
        text += "\n\n";
      }
    }
    for (const auto& entry : fs::directory_iterator(corpus)) {
      if (entry.path().extension() != ".txt") continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      text += bytes.str();
    }
    for (const char* name : {"/CDR_TrainingSet.PubTator.txt", "/CDR_DevelopmentSet.PubTator.txt"}) {
      for (const auto& document : litgraph::bench::load_pubtator(bc5cdr + name)) {
        text += document.text;
        text += "\n\n";
      }
    }
    const std::size_t unique_bytes = text.size();
    std::string big;
    while (static_cast<double>(big.size()) < megabytes * 1e6) big += text;

    std::vector<double> tag_seconds;
    std::size_t mentions = 0;
    for (int pass = 0; pass < repeat; ++pass) {
      auto start = Clock::now();
      mentions = tagger.tag(big).size();
      tag_seconds.push_back(seconds_since(start));
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const double best = *std::min_element(tag_seconds.begin(), tag_seconds.end());
    std::printf("vocabulary: %zu entities, load %.0f ms (best of %d, median %.0f ms)\n", entities,
                1e3 * *std::min_element(load_seconds.begin(), load_seconds.end()), repeat,
                1e3 * median(load_seconds));
    std::printf("tagger build: %.0f ms (best), %.0f ms (median)\n",
                1e3 * *std::min_element(build_seconds.begin(), build_seconds.end()),
                1e3 * median(build_seconds));
    std::printf("text: %.1f MB (%zu PubMed records, seeds, 1,000 BC5CDR abstracts: %.1f MB "
                "distinct, repeated)\n",
                big.size() / 1e6, records, unique_bytes / 1e6);
    std::printf("tagging: %.2f s best, %.2f s median: %.1f MB/s on one core, %zu mentions\n", best,
                median(tag_seconds), big.size() / 1e6 / best, mentions);
    std::printf("peak RSS: %.0f MiB\n", usage.ru_maxrss / 1024.0);
  } catch (const litgraph::Error& error) {
    std::fprintf(stderr, "litgraph_tagger_bench: %s\n", error.what());
    return static_cast<int>(error.exit_code());
  }
  return 0;
}
