// litgraph_peers_bench: litgraph beside what a user would pick instead, on
// the same records: Xapian's scriptindex (xapian-omega) and SQLite FTS5.
//
// 1. Generates --records PubMed records from the 3,690 real ones, by seeded
//    recombination: each record takes its title from one real record, as many
//    abstract sentences as a random real abstract has, each from anywhere in
//    the real abstracts, its authors, journal and year,
//    MeSH headings and chemicals, and publication types each from another;
//    PMIDs and DOIs are new. Written as PubMed XML (for litgraph), a
//    scriptindex dump and a TSV (for SQLite).
// 2. Indexes them with each tool in a child process: wall time, records/s,
//    peak RSS, database size before and after compaction (xapian-compact;
//    FTS5 'optimize' + VACUUM).
// 3. Times the same free-text queries with three facets (condition, drug,
//    year): litgraph's search, and FTS5 MATCH with GROUP BY over facet tables.
#include <sqlite3.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "bench_process.h"
#include "litgraph/crawlers/pubmed_stream.h"
#include "litgraph/query/database.h"
#include "litgraph/query/facet_columns.h"
#include "litgraph/query/search.h"
#include "litgraph/schema/error.h"
#include "litgraph/schema/text.h"
#include "litgraph/schema/vocabulary.h"

namespace {

namespace fs = std::filesystem;
using litgraph::bench::ChildResult;
using litgraph::schema::Work;
using litgraph::schema::xml_escape;


// One line: no tabs or line breaks (TSV and scriptindex fields).
std::string one_line(const std::string& text) {
  std::string out = text;
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

std::vector<std::string> sentences_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t at = text.find(". "); at != std::string::npos; at = text.find(". ", at + 2)) {
    if (at + 2 < text.size() && text[at + 2] >= 'A' && text[at + 2] <= 'Z') {
      out.push_back(text.substr(start, at + 1 - start));
      start = at + 2;
    }
  }
  if (start < text.size()) out.push_back(text.substr(start));
  return out;
}

std::string pubmed_xml(const Work& work) {
  std::ostringstream x;
  x << "<PubmedArticle><MedlineCitation Status=\"MEDLINE\" Owner=\"NLM\"><PMID Version=\"1\">" << *work.pmid
    << "</PMID><Article PubModel=\"Print\"><Journal>";
  if (!work.issns.empty()) x << "<ISSN IssnType=\"Print\">" << xml_escape(work.issns.front()) << "</ISSN>";
  x << "<JournalIssue CitedMedium=\"Print\">";
  if (work.volume) x << "<Volume>" << xml_escape(*work.volume) << "</Volume>";
  if (work.issue) x << "<Issue>" << xml_escape(*work.issue) << "</Issue>";
  x << "<PubDate><Year>" << work.year.value_or(2000) << "</Year></PubDate></JournalIssue>";
  x << "<Title>" << xml_escape(work.container.value_or("Unknown")) << "</Title>";
  if (work.container_short) x << "<ISOAbbreviation>" << xml_escape(*work.container_short) << "</ISOAbbreviation>";
  x << "</Journal><ArticleTitle>" << xml_escape(work.title.value_or("")) << "</ArticleTitle>";
  if (work.pages) x << "<Pagination><MedlinePgn>" << xml_escape(*work.pages) << "</MedlinePgn></Pagination>";
  x << "<ELocationID EIdType=\"doi\" ValidYN=\"Y\">" << xml_escape(*work.doi) << "</ELocationID>";
  if (work.abstract) x << "<Abstract><AbstractText>" << xml_escape(*work.abstract) << "</AbstractText></Abstract>";
  x << "<AuthorList CompleteYN=\"Y\">";
  for (const auto& author : work.authors) {
    x << "<Author ValidYN=\"Y\"><LastName>" << xml_escape(author.family) << "</LastName><ForeName>"
      << xml_escape(author.given) << "</ForeName></Author>";
  }
  x << "</AuthorList><Language>eng</Language><PublicationTypeList>";
  for (const auto& type : work.publication_types) {
    x << "<PublicationType UI=\"" << type.ui << "\">" << xml_escape(type.name) << "</PublicationType>";
  }
  x << "</PublicationTypeList></Article>";
  if (!work.chemicals.empty()) {
    x << "<ChemicalList>";
    for (const auto& chemical : work.chemicals) {
      x << "<Chemical><RegistryNumber>0</RegistryNumber><NameOfSubstance UI=\"" << chemical.ui << "\">"
        << xml_escape(chemical.name) << "</NameOfSubstance></Chemical>";
    }
    x << "</ChemicalList>";
  }
  x << "<MeshHeadingList>";
  for (const auto& heading : work.mesh) {
    x << "<MeshHeading><DescriptorName UI=\"" << heading.ui << "\" MajorTopicYN=\"" << (heading.major ? "Y" : "N")
      << "\">" << xml_escape(heading.name) << "</DescriptorName></MeshHeading>";
  }
  x << "</MeshHeadingList></MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType=\"pubmed\">"
    << *work.pmid << "</ArticleId><ArticleId IdType=\"doi\">" << xml_escape(*work.doi)
    << "</ArticleId></ArticleIdList></PubmedData></PubmedArticle>\n";
  return x.str();
}

struct Generated {
  std::vector<std::string> xml_files;
  fs::path dump;  // scriptindex input
  fs::path tsv;   // id, title, abstract, journal, year, conditions, drugs
  std::size_t records = 0;
};

Generated generate(const std::vector<Work>& source, std::size_t count, unsigned seed, const fs::path& dir,
                   const litgraph::schema::Vocabulary& vocabulary) {
  std::vector<std::string> sentences;
  std::vector<std::size_t> lengths;  // sentences per real abstract: the generated ones follow it
  for (const auto& work : source) {
    if (work.abstract) {
      auto parts = sentences_of(*work.abstract);
      lengths.push_back(parts.size());
      for (auto& sentence : parts) sentences.push_back(std::move(sentence));
    }
  }
  std::mt19937_64 random(seed);
  auto any = [&](std::size_t size) { return std::uniform_int_distribution<std::size_t>(0, size - 1)(random); };
  Generated out;
  fs::create_directories(dir);
  out.dump = dir / "records.dump";
  out.tsv = dir / "records.tsv";
  std::ofstream dump(out.dump);
  std::ofstream tsv(out.tsv);
  std::string xml;
  for (std::size_t k = 0; k < count; ++k) {
    Work work = source[any(source.size())];  // title, and the rest replaced below
    const Work& people = source[any(source.size())];
    const Work& journal = source[any(source.size())];
    const Work& topics = source[any(source.size())];
    const Work& types = source[any(source.size())];
    work.authors.assign(people.authors.begin(), people.authors.begin() + std::min<std::size_t>(people.authors.size(), 8));
    work.container = journal.container;
    work.container_short = journal.container_short;
    work.issns = journal.issns;
    work.year = journal.year;
    work.volume = journal.volume;
    work.issue = journal.issue;
    work.pages = journal.pages;
    work.mesh = topics.mesh;
    work.chemicals = topics.chemicals;
    work.publication_types = types.publication_types;
    std::string abstract;
    const std::size_t parts = lengths.empty() ? 0 : lengths[any(lengths.size())];
    for (std::size_t p = 0; p < parts && !sentences.empty(); ++p) abstract += (p ? " " : "") + sentences[any(sentences.size())];
    work.abstract = abstract;
    work.pmid = std::to_string(90000000 + k);
    work.doi = "10.5555/litgraph-bench." + std::to_string(k);
    work.notices.clear();

    xml += pubmed_xml(work);
    if ((k + 1) % 1000 == 0 || k + 1 == count) {
      fs::path file = dir / ("part" + std::to_string(out.xml_files.size()) + ".xml.gz");
      litgraph::bench::write_gzip(file, "<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n" + xml + "</PubmedArticleSet>\n");
      out.xml_files.push_back(file.string());
      xml.clear();
    }
    std::string conditions, drugs;
    for (const auto* list : {&work.mesh, &work.chemicals}) {
      for (const auto& heading : *list) {
        const auto* entity = vocabulary.find("mesh:" + heading.ui);
        if (entity == nullptr) continue;
        std::string& to = entity->type == litgraph::schema::EntityType::kCondition ? conditions : drugs;
        if (entity->type == litgraph::schema::EntityType::kReceptor) continue;
        to += (to.empty() ? "" : ",") + heading.ui;
      }
    }
    const std::string title = one_line(work.title.value_or(""));
    const std::string journal_name = one_line(work.container.value_or(""));
    dump << "id=" << *work.pmid << "\ntitle=" << title << "\nabstract=" << one_line(abstract)
         << "\njournal=" << journal_name << "\nyear=" << work.year.value_or(0) << "\ncondition=" << conditions
         << "\ndrug=" << drugs << "\n\n";
    tsv << *work.pmid << '\t' << title << '\t' << one_line(abstract) << '\t' << journal_name << '\t'
        << work.year.value_or(0) << '\t' << conditions << '\t' << drugs << '\n';
    ++out.records;
  }
  return out;
}

void sql(sqlite3* db, const std::string& statement) {
  char* error = nullptr;
  if (sqlite3_exec(db, statement.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "?";
    sqlite3_free(error);
    throw std::runtime_error("sqlite: " + message + " in: " + statement.substr(0, 80));
  }
}

int build_fts5(const fs::path& tsv, const fs::path& database) {
  sqlite3* db = nullptr;
  if (sqlite3_open(database.c_str(), &db) != SQLITE_OK) return 1;
  sql(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
  sql(db, "CREATE VIRTUAL TABLE docs USING fts5(title, abstract, tokenize='porter unicode61');"
          "CREATE TABLE meta(rowid INTEGER PRIMARY KEY, journal TEXT, year INTEGER);"
          "CREATE TABLE facet(rowid INTEGER, kind INTEGER, value TEXT);");
  sql(db, "BEGIN");
  sqlite3_stmt* doc = nullptr;
  sqlite3_stmt* meta = nullptr;
  sqlite3_stmt* facet = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO docs(rowid, title, abstract) VALUES(?1, ?2, ?3)", -1, &doc, nullptr);
  sqlite3_prepare_v2(db, "INSERT INTO meta(rowid, journal, year) VALUES(?1, ?2, ?3)", -1, &meta, nullptr);
  sqlite3_prepare_v2(db, "INSERT INTO facet(rowid, kind, value) VALUES(?1, ?2, ?3)", -1, &facet, nullptr);
  std::ifstream in(tsv);
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> fields;
    std::stringstream split(line);
    for (std::string field; std::getline(split, field, '\t');) fields.push_back(field);
    fields.resize(7);
    const sqlite3_int64 rowid = std::stoll(fields[0]);
    sqlite3_bind_int64(doc, 1, rowid);
    sqlite3_bind_text(doc, 2, fields[1].c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(doc, 3, fields[2].c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_step(doc);
    sqlite3_reset(doc);
    sqlite3_bind_int64(meta, 1, rowid);
    sqlite3_bind_text(meta, 2, fields[3].c_str(), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(meta, 3, std::atoi(fields[4].c_str()));
    sqlite3_step(meta);
    sqlite3_reset(meta);
    for (int kind : {0, 1}) {
      std::stringstream values(fields[5 + kind]);
      for (std::string value; std::getline(values, value, ',');) {
        sqlite3_bind_int64(facet, 1, rowid);
        sqlite3_bind_int(facet, 2, kind);
        sqlite3_bind_text(facet, 3, value.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_step(facet);
        sqlite3_reset(facet);
      }
    }
  }
  sqlite3_finalize(doc);
  sqlite3_finalize(meta);
  sqlite3_finalize(facet);
  sql(db, "COMMIT; CREATE INDEX facet_rowid ON facet(rowid, kind, value);");
  sqlite3_close(db);
  return 0;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5))];
}

// Title words of middling frequency in the litgraph index: common enough to
// match many records, rare enough to rank.
std::vector<std::string> query_words(const Xapian::Database& database, std::size_t count) {
  std::vector<std::string> words;
  const Xapian::doccount total = database.get_doccount();
  for (auto it = database.allterms_begin("S"); it != database.allterms_end("S"); ++it) {
    const std::string word = (*it).substr(1);
    if (word.size() < 5 || it.get_termfreq() < total / 2000 || it.get_termfreq() > total / 20) continue;
    if (word.find_first_not_of("abcdefghijklmnopqrstuvwxyz") != std::string::npos) continue;
    words.push_back(word);
    if (words.size() >= count) break;
  }
  return words;
}

struct Latency {
  double p50 = 0, p99 = 0;
};

// p50 and p99 of `run(word)` over `repeat` runs of each word, after one
// untimed pass over them all (a warm page cache, for every tool alike).
template <typename Run>
Latency time_each(const std::vector<std::string>& words, int repeat, Run run) {
  for (const auto& word : words) run(word);
  std::vector<double> times;
  for (const auto& word : words) {
    for (int k = 0; k < repeat; ++k) {
      const auto start = std::chrono::steady_clock::now();
      run(word);
      times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    }
  }
  return {percentile(times, 0.5), percentile(times, 0.99)};
}

Latency time_litgraph(const fs::path& database, const std::vector<std::string>& words, int repeat) {
  const auto vocabulary =
      litgraph::schema::Vocabulary::load_directory(litgraph::schema::default_vocabulary_directory());
  const Xapian::Database db = litgraph::query::open_readable(database);
  const auto columns = litgraph::query::FacetColumns::open(db, database);  // as `litgraph query` does
  return time_each(words, repeat, [&](const std::string& word) {
    litgraph::query::SearchRequest request;
    request.text = word;
    request.facets = {"condition", "drug", "year"};
    litgraph::query::search(db, vocabulary, request, columns.get());
  });
}

Latency time_fts5(const fs::path& database, const std::vector<std::string>& words, int repeat) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  const char* statements[] = {
      "SELECT rowid FROM docs WHERE docs MATCH ?1 ORDER BY rank LIMIT 10",
      "SELECT count(*) FROM docs WHERE docs MATCH ?1",
      "SELECT f.value, count(*) FROM docs JOIN facet f ON f.rowid = docs.rowid WHERE docs MATCH ?1 AND f.kind = 0 "
      "GROUP BY f.value ORDER BY 2 DESC",
      "SELECT f.value, count(*) FROM docs JOIN facet f ON f.rowid = docs.rowid WHERE docs MATCH ?1 AND f.kind = 1 "
      "GROUP BY f.value ORDER BY 2 DESC",
      "SELECT m.year, count(*) FROM docs JOIN meta m ON m.rowid = docs.rowid WHERE docs MATCH ?1 GROUP BY m.year"};
  std::vector<sqlite3_stmt*> prepared;
  for (const char* text : statements) {
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, text, -1, &statement, nullptr);
    prepared.push_back(statement);
  }
  const Latency latency = time_each(words, repeat, [&](const std::string& word) {
    for (auto* statement : prepared) {
      sqlite3_bind_text(statement, 1, word.c_str(), -1, SQLITE_TRANSIENT);
      while (sqlite3_step(statement) == SQLITE_ROW) {
      }
      sqlite3_reset(statement);
    }
  });
  for (auto* statement : prepared) sqlite3_finalize(statement);
  sqlite3_close(db);
  return latency;
}

const char* kScript =
    "id : field=id boolean=Q unique=Q\n"
    "title : field=title index=S index\n"
    "abstract : index\n"
    "journal : field=journal boolean=J\n"
    "year : field=year boolean=Y valuenumeric=0\n"
    "condition : split=\",\" boolean=XC\n"
    "drug : split=\",\" boolean=XD\n";

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"litgraph beside Xapian's scriptindex and SQLite FTS5 on the same generated records",
               "litgraph_peers_bench"};
  std::size_t records = 100000;
  unsigned seed = 1;
  int repeat = 3;
  std::size_t queries = 30;
  std::string source = LITGRAPH_DEFAULT_PUBMED_DIR;
  std::string work_dir = (fs::temp_directory_path() / "litgraph-peers-bench").string();
  std::string binary = LITGRAPH_BINARY;
  app.add_option("--records", records, "Records to generate (default 100000)");
  app.add_option("--seed", seed, "Seed of the generator (default 1)");
  app.add_option("--repeat", repeat, "Runs of each query (default 3)");
  app.add_option("--queries", queries, "Free-text queries (default 30)");
  app.add_option("--pubmed", source, "Folder of the real PubMed efetch .xml.gz files");
  app.add_option("--work", work_dir, "Scratch folder (removed and remade)");
  app.add_option("--litgraph", binary, "The litgraph program");
  unsigned index_runs = 1;
  app.add_option("--index-runs", index_runs,
                 "Rounds of indexing (litgraph, scriptindex, FTS5 in turn), each into a new "
                 "index; the table gives each tool's fastest (the machine's speed varies)")
      ->check(CLI::PositiveNumber);
  CLI11_PARSE(app, argc, argv);

  try {
    const fs::path work(work_dir);
    fs::remove_all(work);
    fs::create_directories(work);
    std::vector<Work> real;
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(source)) {
      if (entry.path().extension() == ".gz") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      litgraph::crawlers::PubmedStream stream(file);
      while (auto record = stream.next()) real.push_back(std::move(*record));
    }
    const auto vocabulary =
        litgraph::schema::Vocabulary::load_directory(litgraph::schema::default_vocabulary_directory());
    std::printf("generating %zu records from %zu real ones (seed %u)…\n", records, real.size(), seed);
    const Generated data = generate(real, records, seed, work / "generated", vocabulary);
    const fs::path log = work / "log.txt";

    struct Row {
      std::string tool;
      ChildResult result;
      double size_mb = 0, compacted_mb = 0;
      Latency latency;
      bool ran = false;
    };

    // Each tool indexes into a new index; with --index-runs, in rounds, so
    // that a slow spell of the machine falls on all three alike.
    std::vector<std::string> args = {binary, "index", "--no-works", "--home", work.string(), "--db",
                                     (work / "litgraph").string()};
    args.insert(args.end(), data.xml_files.begin(), data.xml_files.end());
    std::ofstream(work / "index.script") << kScript;
    const fs::path fts = work / "fts5.sqlite";
    const std::vector<std::function<ChildResult()>> indexers = {
        // litgraph: bulk load on both cores (compacted by the load itself).
        [&] {
          fs::remove_all(work / "litgraph");
          return litgraph::bench::run_program(args, log);
        },
        // scriptindex, with the same fields (positions for title and abstract).
        [&] {
          fs::remove_all(work / "scriptindex");
          return litgraph::bench::run_program({"scriptindex", "--stemmer=english", (work / "scriptindex").string(),
                                               (work / "index.script").string(), data.dump.string()},
                                              log);
        },
        // SQLite FTS5 (porter), with facet tables for GROUP BY.
        [&] {
          fs::remove(fts);
          return litgraph::bench::run_forked([&] { return build_fts5(data.tsv, fts); });
        },
    };
    std::vector<Row> rows(3);
    rows[0].tool = "litgraph";
    rows[1].tool = "scriptindex";
    rows[2].tool = "sqlite-fts5";
    std::vector<std::vector<double>> times(3);
    for (unsigned round = 0; round < index_runs; ++round) {
      for (std::size_t k = 0; k < rows.size(); ++k) {
        const ChildResult result = indexers[k]();
        times[k].push_back(result.seconds);
        if (round == 0 || result.status != 0 || (rows[k].ran && result.seconds < rows[k].result.seconds)) {
          rows[k].result = result;
        }
        rows[k].ran = rows[k].result.status == 0;
      }
    }
    if (rows[0].ran) rows[0].size_mb = rows[0].compacted_mb = litgraph::bench::folder_size(work / "litgraph") / 1e6;
    if (rows[1].ran) {
      rows[1].size_mb = litgraph::bench::folder_size(work / "scriptindex") / 1e6;
      litgraph::bench::run_program({"xapian-compact", (work / "scriptindex").string(),
                                    (work / "scriptindex.compact").string()},
                                   log);
      rows[1].compacted_mb = litgraph::bench::folder_size(work / "scriptindex.compact") / 1e6;
    }
    if (rows[2].ran) {
      rows[2].size_mb = litgraph::bench::folder_size(fts) / 1e6;
      sqlite3* db = nullptr;
      sqlite3_open(fts.c_str(), &db);
      sql(db, "INSERT INTO docs(docs) VALUES('optimize'); VACUUM;");
      sqlite3_close(db);
      rows[2].compacted_mb = litgraph::bench::folder_size(fts) / 1e6;
    }
    if (index_runs > 1) {
      std::printf("index times by round (s):");
      for (std::size_t k = 0; k < rows.size(); ++k) {
        std::printf("%s %s", k == 0 ? "" : ";", rows[k].tool.c_str());
        for (double t : times[k]) std::printf(" %.1f", t);
      }
      std::printf("\n");
    }

    // Queries: the same words for litgraph and FTS5.
    std::vector<std::string> words;
    if (rows[0].ran) {
      words = query_words(litgraph::query::open_readable(work / "litgraph"), queries);
      rows[0].latency = time_litgraph(work / "litgraph", words, repeat);
    }
    if (rows[2].ran) rows[2].latency = time_fts5(fts, words, repeat);

    std::printf("\n%zu generated records, %zu queries x %d, three facets (condition, drug, year)\n\n",
                data.records, words.size(), repeat);
    std::printf("| tool | index time | records/s | peak RSS | size | compacted | query p50 | query p99 |\n");
    std::printf("|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (const auto& row : rows) {
      if (!row.ran) {
        std::printf("| %s | failed (exit %d, see %s) | | | | | | |\n", row.tool.c_str(), row.result.status,
                    log.c_str());
        continue;
      }
      std::printf("| %s | %.1f s | %.0f | %.0f MiB | %.0f MB | %.0f MB |", row.tool.c_str(), row.result.seconds,
                  static_cast<double>(data.records) / row.result.seconds, row.result.peak_rss_kib / 1024.0,
                  row.size_mb, row.compacted_mb);
      if (row.latency.p50 > 0) std::printf(" %.2f ms | %.2f ms |\n", row.latency.p50, row.latency.p99);
      else std::printf(" | |\n");
    }
    if (rows[0].ran && rows[1].ran && rows[2].ran) {
      std::printf("\nlitgraph vs scriptindex: %.2fx the throughput; vs FTS5: %.2fx the throughput, "
                  "%.2fx the compacted size, query p50 %.2fx faster\n",
                  rows[1].result.seconds / rows[0].result.seconds, rows[2].result.seconds / rows[0].result.seconds,
                  rows[0].compacted_mb / rows[2].compacted_mb, rows[2].latency.p50 / rows[0].latency.p50);
    }
    std::printf("log: %s\n", log.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "litgraph_peers_bench: %s\n", e.what());
    return 1;
  }
  return 0;
}
