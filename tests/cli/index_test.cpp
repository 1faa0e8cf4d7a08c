// `litgraph index` and `litgraph stats` on the shipped corpus.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "fake_services.h"
#include "litgraph/crawlers/pubmed_xml.h"
#include "litgraph/query/database.h"
#include "litgraph/schema/index_layout.h"
#include "run_litgraph.h"
#include "test_support.h"

using litgraph::test::contains;
using litgraph::test::parse_json;
using litgraph::test::run_in_repo;
using litgraph::test::read_file;
using litgraph::test::Run;
using litgraph::test::run_litgraph;
using litgraph::test::source_path;
using litgraph::test::TempDir;
namespace layout = litgraph::schema::layout;

namespace {

// The JSON data of the records that carry `term`.
std::vector<rapidjson::Document> records_with(const Xapian::Database& database,
                                              const std::string& term) {
  std::vector<rapidjson::Document> records;
  for (auto it = database.postlist_begin(term); it != database.postlist_end(term); ++it) {
    records.push_back(parse_json(litgraph::query::record_data(database, database.get_document(*it))));
  }
  return records;
}

// The owners (articles, works) of the passages that carry `term`.
std::set<std::string> owners_with(const Xapian::Database& database, const std::string& term) {
  std::set<std::string> owners;
  for (const auto& record : records_with(database, term)) owners.insert(record["owner"].GetString());
  return owners;
}

const std::string k000 = "article:corpus/000_a41c27fd63d7b224.txt";
const std::string k001 = "article:corpus/001_cd66f4001d99aea2.txt";
const std::string k002 = "article:corpus/002_ce4e0486c9f0905c.txt";
const std::string k003 = "article:corpus/003_c30eaf50ce6f0a17.txt";
const std::string k004 = "article:corpus/004_e528a28dc6c42343.txt";

}  // namespace

TEST_CASE("litgraph index writes the corpus once and finds it unchanged the second time",
          "[cli][index]") {
  TempDir home;
  const std::string db = (home.path() / "index").string();
  auto first = run_in_repo({"index", "corpus/", "--home", home.path().string(), "--db", db,
                            "--json"});
  INFO(first.err);
  REQUIRE(first.status == 0);
  auto summary = parse_json(first.out);
  CHECK(summary["added"].GetUint() == 5 + 21);  // articles, and the works their references cite
  CHECK(summary["unchanged"].GetUint() == 0);

  auto second = run_in_repo({"index", "corpus/", "--home", home.path().string(), "--db", db,
                             "--json"});
  REQUIRE(second.status == 0);
  auto again = parse_json(second.out);
  CHECK(again["added"].GetUint() == 0);
  CHECK(again["replaced"].GetUint() == 0);
  CHECK(again["unchanged"].GetUint() == 5 + 21);

  auto stats = run_in_repo({"stats", "--home", home.path().string(), "--db", db, "--json"});
  REQUIRE(stats.status == 0);
  auto counts = parse_json(stats.out);
  CHECK(counts["records"]["article"].GetUint() == 5);
  CHECK(counts["records"]["work"].GetUint() == 21);  // known from the references alone
  CHECK(counts["records"]["passage"].GetUint() > 200);
  // The 23 references of the seeds cite 21 distinct works (refs --distinct).
  CHECK(counts["edges"]["cites"]["records"].GetUint() >= 21);
  CHECK(counts["entities"]["condition"]["distinct"].GetUint() > 10);
  auto text = run_in_repo({"stats", "--db", db, "--home", home.path().string()});
  CHECK(contains(text.out, "article  5"));
}

TEST_CASE("a passage of an article whose id is longer than a term keeps its whole id", "[cli][index]") {
  // Terms are cut at 240 bytes; such a passage stores its id and owner.
  TempDir home;
  const std::string folder(120, 'f');
  const std::string name = std::string(110, 'n') + ".txt";
  std::filesystem::create_directories(home.path() / "corpus" / folder);
  std::ofstream(home.path() / "corpus" / folder / name)
      << "Ketamine blocks the NMDA receptor in patients with depression.\n";
  Run index = run_litgraph({"index", "--no-works", "--home", home.path().string(), "corpus/"}, home.path());
  INFO(index.err);
  REQUIRE(index.status == 0);
  Xapian::Database database((home.path() / "index").string());
  const std::string owner = "article:corpus/" + folder + "/" + name;
  REQUIRE(owner.size() > 240);
  const std::string passage_kind = std::string(layout::kKindPrefix) + std::string(layout::kPassage);
  REQUIRE(database.get_termfreq(passage_kind) == 1);
  auto data = parse_json(litgraph::query::record_data(database, database.get_document(*database.postlist_begin(passage_kind))));
  CHECK(data["owner"].GetString() == owner);
  CHECK(data["id"].GetString() == owner + "#p1");
  CHECK(data["kind"].GetString() == std::string("passage"));
}

TEST_CASE("litgraph stats on a missing database is an index error", "[cli][index]") {
  TempDir home;
  auto run = run_in_repo({"stats", "--home", home.path().string(), "--db",
                          (home.path() / "nothing").string()});
  CHECK(run.status == 6);
  CHECK(contains(run.err, "nothing"));
}

TEST_CASE("litgraph index builds the seeds' graph with their crawled works (issue 6)",
          "[cli][index][issue6]") {
  litgraph::test::FakeServices services;
  TempDir home;
  auto environment = services.environment(home.path());
  Run crawl = run_litgraph({"crawl", "--json", "corpus"}, source_path(""), environment);
  INFO(crawl.err);
  REQUIRE(crawl.status == 0);  // all 21 resolve against the stand-ins
  Run index = run_litgraph({"index", "--json", "corpus"}, source_path(""), environment);
  INFO(index.err);
  REQUIRE(index.status == 0);
  auto summary = parse_json(index.out);
  CHECK(summary["articles"].GetUint() == 5);
  CHECK(summary["cited_works"].GetUint() == 21);
  CHECK(summary["crawled_works"].GetUint() == 21);

  Xapian::Database database((home.path() / "index").string());
  auto kind = [&](std::string_view name) {
    return database.get_termfreq(std::string(layout::kKindPrefix) + std::string(name));
  };
  CHECK(kind(layout::kArticle) == 5);
  CHECK(kind(layout::kWork) == 21);  // each cited work once, from the crawl, none from references
  CHECK(kind(layout::kPassage) > 200);
  CHECK(database.get_termfreq("XSRCreferences") == 0);
  // A passage's JSON is a value (schema/index_layout.h: kPassageData), not
  // document data; articles and works keep theirs as document data.
  const std::string passage_kind = std::string(layout::kKindPrefix) + std::string(layout::kPassage);
  for (auto it = database.postlist_begin(passage_kind); it != database.postlist_end(passage_kind); ++it) {
    const Xapian::Document passage = database.get_document(*it);
    CHECK(passage.get_data().empty());
    // Its id, kind and owner are its terms; record_data() puts them back.
    auto stored = parse_json(passage.get_value(layout::kPassageData));
    CHECK_FALSE(stored.HasMember("id"));
    // Its text is where it is in its owner's: record_data() cuts it out.
    CHECK_FALSE(stored.HasMember("text"));
    CHECK(stored["end"].GetUint64() > stored["begin"].GetUint64());
    auto whole = parse_json(litgraph::query::record_data(database, passage));
    CHECK(whole["kind"].GetString() == std::string("passage"));
    CHECK(whole["text"].GetStringLength() > 0);
    CHECK(whole["text"].GetStringLength() <= stored["end"].GetUint64() - stored["begin"].GetUint64());
    const std::string id = whole["id"].GetString();
    CHECK(database.get_termfreq(std::string(layout::kIdPrefix) + id) == 1);
    CHECK(database.get_termfreq(std::string(layout::kOwnerPrefix) + whole["owner"].GetString()) > 0);
    CHECK(id.starts_with(std::string(whole["owner"].GetString()) + "#p"));
  }
  const std::string work_kind = std::string(layout::kKindPrefix) + std::string(layout::kWork);
  for (auto it = database.postlist_begin(work_kind); it != database.postlist_end(work_kind); ++it) {
    const Xapian::Document work = database.get_document(*it);
    CHECK(work.get_value(layout::kPassageData).empty());
    CHECK(parse_json(work.get_data())["kind"].GetString() == std::string("work"));
  }

  // 004 cites Zarate 2006 (its reference 2), in the sentence that carries "(2)".
  const std::string zarate = "work:doi:10.1001/archpsyc.63.8.856";
  const std::string cites_zarate = std::string(layout::kCitesPrefix) + zarate;
  std::set<std::string> citing_articles;
  std::vector<std::string> contexts;
  for (const auto& record : records_with(database, cites_zarate)) {
    if (std::string(record["kind"].GetString()) == "article") {
      citing_articles.insert(record["id"].GetString());
    } else {
      CHECK(std::string(record["owner"].GetString()) == k004);
      contexts.push_back(record["text"].GetString());
    }
  }
  CHECK(citing_articles == std::set<std::string>{k004});
  // "…(2,3)" and "…Zarate and colleagues in 2006,(2) 12 out of 17 participants (71%)…".
  CHECK(contexts.size() == 2);
  bool zarate_sentence = false;
  for (const auto& context : contexts) {
    zarate_sentence |= contains(context, "(71%) showed a more than 50% reduction");
  }
  CHECK(zarate_sentence);

  // Cohen 2018 is cited by 000 and 001.
  std::set<std::string> cohen;
  for (const auto& record : records_with(database, "Cwork:doi:10.1097/aap.0000000000000808")) {
    if (std::string(record["kind"].GetString()) == "article") cohen.insert(record["id"].GetString());
  }
  CHECK(cohen == std::set<std::string>{k000, k001});

  // Ketamine acts on NMDA receptors as an antagonist, by at least three articles.
  auto antagonist = owners_with(database, "Gacts_on:antagonist:mesh:D007649|mesh:D016194");
  CHECK(antagonist.size() >= 3);
  CHECK(antagonist.count(k003) == 1);  // "It has been shown to inhibit … the NMDA receptor"
  // Ketamine is studied for CRPS in 002 and 003.
  auto crps = owners_with(database, "Gstudied_for:mesh:D007649|mesh:D020918");
  CHECK(crps.count(k002) == 1);
  CHECK(crps.count(k003) == 1);
  // No depressive disorder from "respiratory depression" in 000.
  for (const auto& record : records_with(database, "XECmesh:D003866")) {
    CHECK(std::string(record["id"].GetString()).rfind(k000, 0) != 0);
  }
  // The crawled works' MeSH headings are strong evidence (H terms).
  CHECK(database.get_termfreq("Hmesh:D007649") > 0);

  // Re-indexing unchanged input writes nothing.
  Run again = run_litgraph({"index", "--json", "corpus"}, source_path(""), environment);
  auto second = parse_json(again.out);
  CHECK(second["added"].GetUint() == 0);
  CHECK(second["replaced"].GetUint() == 0);
  CHECK(second["passages"].GetUint() == 0);
  CHECK(second["unchanged"].GetUint() == summary["added"].GetUint());
}

TEST_CASE("litgraph index replaces an edited file's records only and prunes removed files",
          "[cli][index][issue6]") {
  TempDir home;
  TempDir folder;
  std::filesystem::create_directories(folder.path() / "corpus");
  for (const auto& entry : std::filesystem::directory_iterator(source_path("corpus"))) {
    if (entry.path().extension() == ".txt") {
      std::filesystem::copy_file(entry.path(), folder.path() / "corpus" / entry.path().filename());
    }
  }
  auto index = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"index", "--json", "--no-works", "--home",
                                     home.path().string(), "corpus"};
    args.insert(args.end(), extra.begin(), extra.end());
    Run run = run_litgraph(args, folder.path());
    INFO(run.err);
    REQUIRE(run.status == 0);
    return parse_json(run.out);
  };
  auto first = index({});
  const auto records = first["added"].GetUint();
  CHECK(records == 5 + 21);  // articles and the works known from their references

  Xapian::Database before((home.path() / "index").string());
  auto passages_of = [](const Xapian::Database& database, const std::string& owner) {
    return database.get_termfreq(std::string(layout::kOwnerPrefix) + owner);
  };
  const auto passages_002 = passages_of(before, k002);
  const auto passages_003 = passages_of(before, k003);

  // Edit 003: a sentence more. Only 003 is rewritten, with one passage more.
  const auto edited = folder.path() / "corpus" / "003_c30eaf50ce6f0a17.txt";
  std::string text = read_file(edited);
  text.insert(text.find('\n') + 1, "Esketamine was approved in 2019. \n");
  std::ofstream(edited, std::ios::binary) << text;
  auto second = index({});
  CHECK(second["replaced"].GetUint() == 1);
  CHECK(second["added"].GetUint() == 0);
  CHECK(second["unchanged"].GetUint() == records - 1);
  Xapian::Database after((home.path() / "index").string());
  CHECK(passages_of(after, k003) == passages_003 + 1);
  CHECK(passages_of(after, k002) == passages_002);
  CHECK(after.term_exists("XEDlitgraph:esketamine"));

  // Remove 002: without --prune it stays, with --prune it goes with its passages.
  std::filesystem::remove(folder.path() / "corpus" / "002_ce4e0486c9f0905c.txt");
  CHECK(index({})["removed"].GetUint() == 0);
  CHECK(index({"--prune"})["removed"].GetUint() == 1);
  Xapian::Database pruned((home.path() / "index").string());
  CHECK(pruned.get_termfreq("Q" + k002) == 0);
  CHECK(passages_of(pruned, k002) == 0);
  CHECK(pruned.get_termfreq("Q" + k003) == 1);
}

TEST_CASE("litgraph index loads PubMed files in parallel shards and keeps each work once",
          "[cli][index][issue6]") {
  TempDir home;
  const std::string file =
      litgraph::test::shared_path("data/pubmed/alzheimers-efetch/pubmed_0_to_99.xml.gz").string();
  const std::string other =
      litgraph::test::shared_path("data/pubmed/alzheimers-efetch/pubmed_100_to_199.xml.gz").string();
  // The same file twice: each job indexes it, and the merge keeps one copy.
  // A new shard after 50 records: the first job writes two (and two of
  // passages), the second one, and the merge takes them all.
  Run bulk = run_litgraph({"index", "--json", "--no-works", "--progress", "--jobs", "2",
                           "--shard-records", "50", "--home", home.path().string(), file, other,
                           file},
                          home.path());
  INFO(bulk.err);
  REQUIRE(bulk.status == 0);
  auto summary = parse_json(bulk.out);
  const auto read = summary["pubmed_records"].GetUint();
  Xapian::Database database((home.path() / "index").string());
  const auto works = database.get_termfreq("Kwork");
  CHECK(works < read);  // 91 records were read twice
  CHECK(summary["added"].GetUint() == works);
  for (auto it = database.allterms_begin("Qwork:"); it != database.allterms_end("Qwork:"); ++it) {
    INFO(*it);
    CHECK(it.get_termfreq() == 1);
  }
  // Passages belong to works that exist.
  for (auto it = database.allterms_begin("O"); it != database.allterms_end("O"); ++it) {
    CHECK(database.get_termfreq("Q" + (*it).substr(1)) == 1);
  }
  CHECK(contains(bulk.err, "merging 6 shards"));
  // Every record before every passage, across the shards.
  const Xapian::docid first_passage = *database.postlist_begin("Kpassage");
  CHECK(database.get_termfreq("Kpassage") > 100);
  for (auto it = database.postlist_begin("Kwork"); it != database.postlist_end("Kwork"); ++it) {
    CHECK(*it < first_passage);
  }
  CHECK(!std::filesystem::exists(home.path() / "index.shards"));

  // The same files again, now one by one into the existing database: nothing changes.
  Run again = run_litgraph({"index", "--json", "--no-works", "--home", home.path().string(),
                            file, other},
                           home.path());
  auto second = parse_json(again.out);
  CHECK(second["added"].GetUint() == 0);
  CHECK(second["replaced"].GetUint() == 0);
  CHECK(second["unchanged"].GetUint() == works);
}

TEST_CASE("a bulk load keeps the version of a work from the latest file, with its passages only",
          "[cli][index][issue6]") {
  // PubMed's update files carry new versions of records the baseline holds;
  // the later file must win however the jobs share the files out.
  const std::string file =
      litgraph::test::shared_path("data/pubmed/alzheimers-efetch/pubmed_0_to_99.xml.gz").string();
  const std::string other =
      litgraph::test::shared_path("data/pubmed/alzheimers-efetch/pubmed_100_to_199.xml.gz").string();
  const std::string xml = litgraph::crawlers::read_gzip_file(file).bytes;
  const std::size_t begin = xml.find("<PubmedArticle>");
  const std::size_t end = xml.find("</PubmedArticle>", begin) + std::string("</PubmedArticle>").size();
  std::string revised = xml.substr(begin, end - begin);
  REQUIRE(contains(revised, "10.1001/jama.2009.1064"));
  // The new version: another title, and no abstract (so no passages).
  const std::size_t title = revised.find("<ArticleTitle>");
  revised.replace(title, revised.find("</ArticleTitle>") - title,
                  "<ArticleTitle>CSF biomarkers in mild cognitive impairment: revised version.");
  const std::size_t abstract = revised.find("<Abstract>");
  revised.erase(abstract, revised.find("</Abstract>") + std::string("</Abstract>").size() - abstract);
  TempDir inputs;
  const std::string update =
      inputs.write("update.xml", "<PubmedArticleSet>" + revised + "</PubmedArticleSet>").string();

  const std::string id = "work:doi:10.1001/jama.2009.1064";
  struct Order {
    std::vector<std::string> files;
    bool revised_wins;
  };
  for (const Order& order : {Order{{file, update, other}, true}, Order{{update, file, other}, false}}) {
    TempDir home;
    std::vector<std::string> args = {"index", "--no-works", "--jobs", "2", "--shard-records", "50",
                                     "--home", home.path().string()};
    args.insert(args.end(), order.files.begin(), order.files.end());
    Run bulk = run_litgraph(args, home.path());
    INFO(bulk.err);
    REQUIRE(bulk.status == 0);
    Xapian::Database database((home.path() / "index").string());
    REQUIRE(database.get_termfreq("Q" + id) == 1);
    const auto records = records_with(database, "Q" + id);
    const std::string stored_title = records.at(0)["title"].GetString();
    const auto passages = database.get_termfreq("O" + id);
    if (order.revised_wins) {
      CHECK(contains(stored_title, "revised version"));
      CHECK(passages == 0);  // the baseline version's passages went with it
    } else {
      CHECK(stored_title == "CSF biomarkers and incipient Alzheimer disease in patients with mild cognitive impairment.");
      CHECK(passages > 0);
    }
    for (auto it = database.allterms_begin("Qwork:"); it != database.allterms_end("Qwork:"); ++it) {
      INFO(*it);
      CHECK(it.get_termfreq() == 1);
    }
  }
}

TEST_CASE("litgraph index refuses a database another run holds, and reports what it holds",
          "[cli][index][issue6]") {
  TempDir home;
  const std::string database = (home.path() / "index").string();
  {
    // Another run: it holds the run lock.
    int fd = ::open((database + ".lock").c_str(), O_RDWR | O_CREAT, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    Run blocked = run_in_repo({"index", "--home", home.path().string(), "corpus/"});
    CHECK(blocked.status == 8);
    CHECK(contains(blocked.err, "locked"));
    ::close(fd);
  }
  Run run = run_in_repo({"index", "--json", "--home", home.path().string(), "corpus/"});
  REQUIRE(run.status == 0);
  auto summary = parse_json(run.out);
  CHECK(summary["entities"]["drug"].GetUint() > 10);
  CHECK(summary["entities"]["condition"].GetUint() > 10);
  CHECK(summary["entities"]["receptor"].GetUint() >= 5);  // NMDA, AMPA, HCN, opioid, mu
  CHECK(summary["edges"].GetUint() > 20);
}
