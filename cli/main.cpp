// The `litgraph` program: parses the command line, runs one command, and
// turns errors into the exit codes of litgraph::ExitCode.
#include <CLI/CLI.hpp>
#include <iostream>
#include <thread>

#include "config.h"
#include "check_command.h"
#include "crawl_command.h"
#include "litgraph/indexer/shards.h"
#include "refresh_command.h"
#include "entities_command.h"
#include "index_command.h"
#include "match_command.h"
#include "graph_command.h"
#include "query_command.h"
#include "litgraph/schema/error.h"
#include "litgraph/schema/vocabulary.h"
#include "refs_command.h"
#include "show_command.h"

namespace {

constexpr const char* kVersion = LITGRAPH_VERSION;

std::string exit_code_footer() {
  return std::string("\nExit codes:\n") + litgraph::exit_code_table();
}

// Settings shared by the commands that use the data directory and services.
struct ConfigFlags {
  std::string home;
  std::string config_file;
  std::string mailto;
  double max_age_days = -1;

  void add_to(CLI::App* command) {
    command->add_option("--home", home,
                        "Data directory for the cache and the works (default: $LITGRAPH_HOME, else "
                        "$XDG_DATA_HOME/litgraph or ~/.local/share/litgraph)");
    command->add_option("--config", config_file,
                        "Configuration file of `key = value` lines (default: $LITGRAPH_CONFIG, else "
                        "HOME/config if it exists)");
    command->add_option("--mailto", mailto,
                        "Contact address sent to Crossref and NCBI (or LITGRAPH_MAILTO, mailto = …)");
    command->add_option("--max-age", max_age_days,
                        "Refetch cached records older than this many days (default 30)");
  }

  // Defaults, then the configuration file, then the environment, then flags.
  litgraph::cli::Config load() const {
    using namespace litgraph::cli;
    Config config;
    auto environment = process_environment();
    config.home = default_home();
    if (auto it = environment.find("LITGRAPH_HOME"); it != environment.end() && !it->second.empty())
      config.home = it->second;
    if (!home.empty()) config.home = home;
    std::filesystem::path file = config_file;
    if (file.empty())
      if (auto it = environment.find("LITGRAPH_CONFIG"); it != environment.end()) file = it->second;
    if (file.empty() && std::filesystem::exists(config.home / "config")) file = config.home / "config";
    if (!file.empty()) apply_config_file(config, file);
    apply_environment(config, environment);
    if (!home.empty()) config.home = home;
    if (!mailto.empty()) config.mailto = mailto;
    if (max_age_days >= 0) config.max_age_days = max_age_days;
    auto problems = config.validate();
    if (!problems.empty()) {
      std::string message = "invalid configuration:";
      for (const auto& problem : problems) message += "\n  " + problem;
      throw litgraph::ConfigError(message);
    }
    return config;
  }
};

int run(int argc, char** argv) {
  CLI::App app{"litgraph: a literature knowledge-graph indexer for articles on medicine.\n"
               "Extracts what articles cite, fetches the cited works' metadata from\n"
               "Crossref and PubMed, tags the drugs, conditions and receptors they mention,\n"
               "indexes articles, works, sentences and the entity graph, and answers\n"
               "faceted searches and graph questions, checks citations, and refreshes the index\n"
               "from cron (one writer, safe to kill; readers undisturbed).",
               "litgraph"};
  app.set_version_flag("--version", std::string("litgraph ") + kVersion);
  app.require_subcommand(1);
  app.footer(exit_code_footer());

  litgraph::cli::RefsOptions refs;
  CLI::App* refs_cmd = app.add_subcommand(
      "refs", "List the references cited by articles (text files), in any citation style");
  refs_cmd->add_option("FILE", refs.paths,
                       "Article files, or folders read for their *.txt files (recursively)")
      ->required();
  refs_cmd->add_flag("--json", refs.json,
                     "Print {\"references\":[…]} with one object per entry (fields: source, line, n, raw, "
                     "style, doi, pmid, pmcid, authors, et_al, year, title, container, volume, issue, "
                     "pages, first_page, last_page)");
  refs_cmd->add_flag("--distinct", refs.distinct,
                     "Merge entries that are the same work (same DOI, or same title, year and first "
                     "author, or a title-only entry with the same title); each gets \"cited_by\"");
  refs_cmd->add_flag("--progress", refs.progress,
                     "Report progress on stderr (default: only on a terminal, for more than 20 files)");
  refs_cmd->footer(exit_code_footer());

  litgraph::cli::CrawlCommandOptions crawl;
  ConfigFlags crawl_config;
  CLI::App* crawl_cmd = app.add_subcommand(
      "crawl",
      "Fetch the metadata of the works that articles cite (Crossref, PubMed), politely and "
      "with an on-disk cache; store the works in the data directory");
  crawl_cmd->add_option("FILE", crawl.paths,
                        "Article files, or folders read for their *.txt files (recursively)")
      ->required();
  crawl_cmd->add_flag("--json", crawl.json,
                      "Print {\"works\":[{key, doi, pmid, pmcid, status, via, reason, title, score, "
                      "candidates, cited_by}], \"requests\":{host:{sent, retried, failed}}, "
                      "\"cache\":{hits, misses}}");
  crawl_cmd->add_flag("--offline", crawl.offline, "Use only the cache; open no network connection");
  crawl_cmd->add_flag("--progress", crawl.progress, "Report progress on stderr");
  crawl_cmd->add_flag("--verbose", crawl.verbose, "Log every retry on stderr");
  crawl_cmd->add_flag("!--no-match", crawl.match,
                      "Do not match references without DOI or PMID (they stay unresolved)");
  crawl_config.add_to(crawl_cmd);
  crawl_cmd->footer(
      "\nServices (defaults are the real ones; point them anywhere with):\n"
      "  LITGRAPH_CROSSREF_URL  LITGRAPH_EUTILS_URL  LITGRAPH_IDCONV_URL\n"
      "  NCBI_API_KEY (10 requests/s instead of 3; never logged)  LITGRAPH_TIMEOUT (seconds)\n"
      "A service that cannot be reached is reported once and not retried for every work;\n"
      "the crawl finishes with what it has (exit code 1)." +
      exit_code_footer());

  litgraph::cli::CheckCommandOptions check;
  ConfigFlags check_config;
  CLI::App* check_cmd = app.add_subcommand(
      "check",
      "Check an article's references: does each exist, and does it cite the work as its "
      "record has it (authors, year, title, journal, volume, issue, pages, DOI)? Also "
      "retractions, corrections, ahead-of-print and missing DOIs, duplicates, and numbered "
      "markers that point nowhere");
  check_cmd->add_option("FILE", check.paths,
                        "Article files, or folders read for their *.txt files (recursively)")
      ->required();
  check_cmd->add_flag("--json", check.json,
                      "Print one object per file, one per line: {file, references:[{n, line, raw, "
                      "style, status:[…], work:{doi, pmid, title, year, container, volume, issue, "
                      "pages}|null, findings:[{field, cited, actual, severity, message}], "
                      "candidates, reason}], markers:{numbered, dangling, uncited}, "
                      "summary:{references, statuses, errors, warnings, notes}}");
  check_cmd->add_option("--format", check.format,
                        "Print the corrected references instead of the report: bibtex, ris or "
                        "csl-json (each as its record has it; unresolved ones as cited)")
      ->check(CLI::IsMember({"bibtex", "ris", "csl-json"}));
  check_cmd->add_flag("--offline", check.offline,
                      "Use only the cache; open no network connection (what is not cached is "
                      "unchecked)");
  check_cmd->add_flag("--progress", check.progress, "Report progress on stderr");
  check_cmd->add_flag("--verbose", check.verbose, "Log every retry on stderr");
  check_config.add_to(check_cmd);
  check_cmd->footer(
      "\nStatuses: verified, mismatch, doi-invalid, doi-not-found, doi-other-work, retracted,\n"
      "corrected, expression-of-concern, ahead-of-print, missing-doi, unresolved, ambiguous,\n"
      "duplicate, unchecked. Findings are errors, warnings or notes (notes need no action).\n"
      "Exit codes: 0 every reference verified, 1 findings, 2 usage, 4 some references could\n"
      "not be checked (a service could not be asked), 9 the data directory is not writable.\n"
      "Services as for crawl (LITGRAPH_CROSSREF_URL, LITGRAPH_EUTILS_URL, LITGRAPH_IDCONV_URL).");

  litgraph::cli::RefreshOptions refresh;
  ConfigFlags refresh_config;
  std::string refresh_database;
  std::string refresh_log;
  CLI::App* refresh_cmd = app.add_subcommand(
      "refresh",
      "Bring the index up to date in one run, for cron: read new and changed articles, fetch "
      "what is new or stale, index what changed, prune removed files");
  refresh_cmd->add_option("PATH", refresh.paths,
                          "Article files or folders, and PubMed .xml/.xml.gz files (the crawled "
                          "works in HOME/works are always indexed)");
  refresh_cmd->add_option("--db", refresh_database, "The database (default: HOME/index)");
  refresh_cmd->add_option("--wait", refresh.wait_seconds,
                          "Wait up to this many seconds for another index or refresh to finish "
                          "(default 0: exit 8 at once)")
      ->check(CLI::NonNegativeNumber);
  refresh_cmd->add_option("--log", refresh_log, "Also append the summary line, with the time, to this file");
  refresh_cmd->add_flag("--offline", refresh.offline, "Use only the cache; open no network connection");
  refresh_cmd->add_flag("--json", refresh.json,
                        "Print {added, updated, removed, unchanged, fetched, requests, failed, "
                        "retracted_new:[keys], seconds, status}");
  refresh_cmd->add_flag("--verbose", refresh.verbose,
                        "Also list the works that could not be fetched, and print the index's report");
  refresh_config.add_to(refresh_cmd);
  refresh_cmd->footer(
      "\nPrints one line on stderr: refresh: added=N updated=N removed=N unchanged=N fetched=N\n"
      "requests=N failed=N retracted-new=N seconds=S status=CODE (fetched: works whose records\n"
      "came from a service; works newly retracted are named above the line).\n"
      "Readers (query, show, graph, check) keep working during a refresh and see the index as\n"
      "of its last commit. A run killed at any point leaves the cache and the index consistent;\n"
      "the next run completes the work.\n"
      "Exit codes: 0 ok, 1 ok but some works could not be fetched or inputs were skipped,\n"
      "8 locked by another index or refresh, 130 stopped by SIGINT/SIGTERM (what was committed\n"
      "stays), 3/6/9 could not run (configuration, index, data directory).");

  std::string shard_database;
  std::string shard_out;
  unsigned shard_count = 2;
  bool shard_json = false;
  ConfigFlags shard_config;
  CLI::App* shard_cmd = app.add_subcommand(
      "shard",
      "Split the index into shards (by record id; a passage with its owner) and write a stub "
      "database file that Xapian, and every litgraph command's --db, reads as one index");
  shard_cmd->add_option("OUT", shard_out, "Folder for shard0 … shardN-1 and litgraph.stub")->required();
  shard_cmd->add_option("--shards", shard_count, "How many shards (default 2)")->check(CLI::PositiveNumber);
  shard_cmd->add_option("--db", shard_database, "The index to split (default: HOME/index)");
  shard_cmd->add_flag("--json", shard_json, "Print {stub, shards:[{path, records}]}");
  shard_config.add_to(shard_cmd);
  shard_cmd->footer(
      "\nRun it again after indexing to rebuild the shards. To serve a shard to other machines:\n"
      "  xapian-tcpsrv --port 6431 OUT/shard1\n"
      "and list it in a stub file as `remote :HOST:6431` instead of `auto shard1`; then\n"
      "litgraph query --db STUBFILE … searches all shards as one (see the README).");

  litgraph::cli::MatchCommandOptions match;
  ConfigFlags match_config;
  CLI::App* match_cmd = app.add_subcommand(
      "match", "Resolve one free-text reference to a work: the local store first, then "
               "PubMed's ECitMatch and Crossref's bibliographic search");
  match_cmd->add_option("REFERENCE", match.reference, "The reference as written, in any style")
      ->required();
  match_cmd->add_flag("--json", match.json,
                      "Print {reference, style, key, status, via, reason, score, doi, pmid, title, "
                      "container, year, volume, pages, candidates:[{doi, pmid, title, score}]}");
  match_cmd->add_flag("--offline", match.offline, "Use only the local store and the cache");
  match_config.add_to(match_cmd);
  match_cmd->footer("\nExit code 0 when the reference resolved to one work; 1 when it is ambiguous,\n"
                    "unresolved or could not be looked up (the output says which)." +
                    exit_code_footer());

  litgraph::cli::EntitiesOptions entities;
  CLI::App* entities_cmd = app.add_subcommand(
      "entities", "List the drugs, conditions and receptors that articles (text files) mention, "
                  "with MeSH identifiers");
  entities_cmd->add_option("FILE", entities.paths,
                           "Article files, or folders read for their *.txt files (recursively)")
      ->required();
  entities_cmd->add_flag("--json", entities.json,
                         "Print {\"documents\":[{source, entities:[{id, name, type, parent (litgraph: "
                         "ids only), count, mentions:[{line, text}]}]}]}; entities by count "
                         "descending, then id; mentions in text order");
  std::vector<std::string> type_names;
  for (auto type : {litgraph::schema::EntityType::kDrug, litgraph::schema::EntityType::kCondition,
                    litgraph::schema::EntityType::kReceptor})
    type_names.push_back(litgraph::schema::entity_type_name(type));
  entities_cmd->add_option("--type", entities.types,
                           "Only entities of this type: drug, condition or receptor (repeat the "
                           "option or separate with commas; default: all three)")
      ->type_name("TYPE")
      ->delimiter(',')
      ->transform(CLI::IsMember(type_names, CLI::ignore_case));
  entities_cmd->add_option("--vocabulary", entities.vocabulary,
                           "Folder holding the vocabulary files mesh2024.tsv and curated.tsv "
                           "(default: $LITGRAPH_VOCABULARY_DIR, else the source tree's "
                           "schema/vocabulary, else the installed share/litgraph/vocabulary)")
      ->type_name("DIR");
  entities_cmd->footer(
      "\nText output: for each file a line `FILE: N entities, M mentions`, then one line per\n"
      "entity: count, type, id, name and the distinct ways the text writes it.\n"
      "Inputs: a missing path is reported (exit 2) and a binary or unreadable file skipped\n"
      "(exit 1), on stderr; the other files are still tagged. An empty file has no\n"
      "entities (a warning, exit 0). Invalid UTF-8 is replaced with U+FFFD (a warning).\n"
      "A vocabulary folder without its files is exit 3.\n" +
      exit_code_footer());

  litgraph::cli::IndexOptions index;
  ConfigFlags index_config;
  std::string index_database;
  bool no_works = false;
  CLI::App* index_cmd = app.add_subcommand(
      "index", "Index articles (text files), PubMed XML files (.xml, .xml.gz) and the crawled "
               "works into the Xapian database");
  index_cmd->add_option("PATH", index.paths,
                        "Article files or folders (*.txt), and PubMed XML files (PubmedArticleSet "
                        "or MedlineCitationSet, plain or gzip), read one record at a time");
  index_cmd->add_option("--db", index_database, "The database (default: HOME/index)");
  index_cmd->add_option("--vocabulary", index.vocabulary,
                        "Folder of the entity vocabulary (default: $LITGRAPH_VOCABULARY_DIR, else "
                        "the shipped schema/vocabulary)");
  index_cmd->add_flag("--no-works", no_works, "Do not index the crawled works of HOME/works");
  index_cmd->add_flag("--prune", index.prune,
                      "Remove the articles indexed from the folders given whose files are gone");
  index_cmd->add_option("--batch", index.batch_size,
                        "Records per commit (default 500: Xapian's in-memory changes stay "
                        "small, which was fastest in bench/; a killed run loses at most one batch)")
      ->check(CLI::PositiveNumber);
  index.jobs = std::max(1u, std::thread::hardware_concurrency());
  index_cmd->add_option("--jobs", index.jobs,
                        "Threads for PubMed files going into a new database: each takes files in "
                        "turn into shards of its own, and Xapian's compaction merges them; a work "
                        "that several files hold is kept as the latest file has it (default: the "
                        "number of cores)")
      ->check(CLI::PositiveNumber);
  index_cmd->add_option("--shard-records", index.shard_records,
                        "In such a bulk load, each thread starts a new shard after this many "
                        "records (default 25000), so that each shard's B-trees stay small")
      ->check(CLI::PositiveNumber);
  index_cmd->add_flag("--json", index.json,
                      "Print {database, added, replaced, unchanged, removed, passages, articles, "
                      "cited_works, pubmed_records, crawled_works, entities: {drug, condition, "
                      "receptor}, edges, seconds}");
  index_cmd->add_flag("--progress", index.progress, "Show progress on standard error");
  index_config.add_to(index_cmd);
  index_cmd->footer(
      "\nRecords: article (a file), work (a cited, crawled or imported publication) and\n"
      "passage (a sentence, with its entities, citations and co-occurrence edges); see\n"
      "schema/include/litgraph/schema/index_layout.h. Re-indexing unchanged input writes\n"
      "nothing (each record keeps a content hash); a changed file replaces its records.\n"
      "Writes are committed every --batch records and at the end; a killed run leaves\n"
      "the last committed state. One run at a time per database (DATABASE.lock; exit 8\n"
      "when another holds it). Exit 1 when an input or a PubMed record was skipped.\n"
      "After a run the facet columns that `query` counts from (DATABASE/litgraph.facets,\n"
      "derived from the index) are brought up to date.");

  litgraph::cli::StatsOptions stats;
  ConfigFlags stats_config;
  std::string stats_database;
  CLI::App* stats_cmd = app.add_subcommand(
      "stats", "Count the index's records by kind, entities by type and edges by type");
  stats_cmd->add_option("--db", stats_database, "The database (default: HOME/index)");
  stats_cmd->add_flag("--json", stats.json,
                      "Print {records:{kind:n}, entities:{type:{distinct, records}}, "
                      "edges:{type:{distinct, records}}}");
  stats_config.add_to(stats_cmd);

  litgraph::cli::QueryOptions query;
  ConfigFlags query_config;
  std::string query_database;
  CLI::App* query_cmd = app.add_subcommand(
      "query", "Search the index: free text, fields and entities, with facet counts");
  query_cmd->add_option("TEXT", query.words,
                        "Words, \"phrases\", AND/OR/NOT, and fields: title:, author:, journal:, "
                        "doi:, pmid:, drug:, condition:, receptor: (an id, a name, a synonym or "
                        "an abbreviation: condition:CRPS), year:2010..2021, type:rct|review|"
                        "systematic-review|meta-analysis|clinical-trial|case-report, "
                        "kind:article|work|passage. Articles and works only unless a kind is named "
                        "(kind:passage for sentences). Empty: every article and work");
  query_cmd->add_option("--filter", query.filters,
                        "FIELD=VALUE, repeatable: values of one field are ORed, fields ANDed");
  query_cmd->add_option("--facet", query.facets,
                        "Count matches by condition, drug, receptor, year, journal, type or kind "
                        "(repeatable; default: condition, drug, receptor, year, type, kind)")
      ->check(CLI::IsMember({"condition", "drug", "receptor", "year", "journal", "type", "kind"}));
  query_cmd->add_flag("--no-facets", query.no_facets, "Count no facets");
  query_cmd->add_option("--limit", query.limit, "Results to show (default 10)");
  query_cmd->add_option("--offset", query.offset, "Results to skip (default 0)");
  query_cmd->add_option("--sort", query.sort, "relevance (default) or year (newest first)")
      ->check(CLI::IsMember({"relevance", "year"}));
  query_cmd->add_flag("--json", query.json,
                      "Print {query, total, results:[{id, kind, title|owner, authors, year, "
                      "journal, doi, pmid, score, snippet, entities:{condition, drug, receptor}}], "
                      "facets:{FIELD:[{id, name, count} | {value, count}]}}");
  query_cmd->add_option("--db", query_database, "The database (default: HOME/index)");
  query_cmd->add_option("--vocabulary", query.vocabulary, "Folder of the entity vocabulary");
  query_config.add_to(query_cmd);

  litgraph::cli::ShowOptions show;
  ConfigFlags show_config;
  std::string show_database;
  CLI::App* show_cmd = app.add_subcommand(
      "show", "Print one record of the index: its fields, entities, what it cites and what "
              "cites it");
  show_cmd->add_option("ID", show.id,
                       "A record id (article:PATH, work:doi:DOI, work:pmid:PMID, work:ref:KEY, "
                       "OWNER#pN for a passage), or a DOI (bare, doi:…, a doi.org URL), a PMID "
                       "(pmid:123 or a bare number) or the path of an indexed article file")
      ->required();
  show_cmd->add_flag("--json", show.json,
                     "Print {id, kind, fields:{the stored data}, passages, entities:{drug, "
                     "condition, receptor:[{id, name, count}]}, mesh:[{id, name, major}], "
                     "cites:[{id, indexed, title, year}], cited_by:[{id, kind, title} | {id, kind, "
                     "owner, line, text}], edges:[{type, from:{id, name}, to:{id, name}}]}");
  show_cmd->add_option("--db", show_database, "The database (default: HOME/index)");
  show_cmd->add_option("--vocabulary", show.vocabulary,
                       "Folder of the entity vocabulary, for entity names (default: "
                       "$LITGRAPH_VOCABULARY_DIR, else the shipped schema/vocabulary)")
      ->type_name("DIR");
  show_config.add_to(show_cmd);
  show_cmd->footer(
      "\nText output: the record's fields, its entities by type (mention counts), and\n"
      "  article, work: what it cites (with title and year when the work is indexed) and\n"
      "    what cites it, grouped by owner: the citing article, then its passages that\n"
      "    cite the record (citation contexts), with line and text;\n"
      "  work: also its MeSH headings (M: major topic);\n"
      "  passage: its owner, line and text, cited works and co-occurrence edges\n"
      "    (\"Ketamine  acts_on (antagonist)  Receptors, N-Methyl-D-Aspartate\").\n"
      "--json always has every key: an array that does not apply to the record's kind\n"
      "(mesh for articles, edges for articles and works, cited_by for passages) is empty;\n"
      "an unknown name, title or year is null. Edges list one entry per stored edge, so\n"
      "a typed acts_on:antagonist comes with its plain acts_on.\n"
      "An id that names no record is a usage error (exit 2) listing similar ids; a\n"
      "missing index is exit 6.\n" +
      exit_code_footer());

  litgraph::cli::GraphOptions graph;
  ConfigFlags graph_config;
  std::string graph_database;
  CLI::App* graph_cmd = app.add_subcommand(
      "graph", "Graph questions: an entity's neighbours, the evidence that links two entities");
  graph_cmd->require_subcommand(1);
  CLI::App* neighbors_cmd = graph_cmd->add_subcommand(
      "neighbors", "The entities linked to ENTITY (studied_for, acts_on, implicated_in), "
                   "heaviest first, with evidence passages");
  neighbors_cmd->add_option("ENTITY", graph.entity,
                            "A MeSH id, a name, a synonym or an abbreviation (ketamine, CRPS)")
      ->required();
  neighbors_cmd->add_option("--type", graph.type, "Only neighbours of this type")
      ->check(CLI::IsMember({"drug", "condition", "receptor"}));
  neighbors_cmd->add_option("--limit", graph.limit, "Neighbours to show (default 20)");
  neighbors_cmd->add_option("--evidence", graph.evidence, "Passages per neighbour (default 3)");
  neighbors_cmd->add_flag("--json", graph.json,
                          "Print {entities:[{entity, neighbors:[{entity:{id, name, type}, edge, "
                          "weight, sources, antagonist, agonist, evidence:[{passage, owner, "
                          "text}]}]}]}");
  CLI::App* evidence_cmd = graph_cmd->add_subcommand(
      "evidence", "The passages that name both A and B: the evidence of their edge");
  evidence_cmd->add_option("A", graph.entity, "The first entity")->required();
  evidence_cmd->add_option("B", graph.other, "The second entity")->required();
  evidence_cmd->add_option("--limit", graph.limit, "Passages to show (default 20)");
  evidence_cmd->add_flag("--json", graph.json,
                         "Print {pairs:[{a, b, passages:[{passage, owner, text}]}]}");
  CLI::App* export_cmd = graph_cmd->add_subcommand(
      "export", "The entity graph (nodes, typed weighted edges) for Gephi, Cytoscape, Graphviz "
                "or a Neo4j import");
  export_cmd->add_option("--format", graph.format,
                         "json (default): {nodes:[{id, name, type}], edges:[{source, target, "
                         "type, weight, antagonist, agonist}]}; graphml; dot; csv (one row "
                         "per edge)")
      ->check(CLI::IsMember({"json", "graphml", "dot", "csv"}));
  export_cmd->add_option("--around", graph.around, "Only the graph around this entity");
  export_cmd->add_option("--depth", graph.depth, "Steps from --around (default 1)");
  export_cmd->add_option("--min-weight", graph.min_weight,
                         "Leave out edges carried by fewer passages (default 1)");
  for (CLI::App* command : {neighbors_cmd, evidence_cmd, export_cmd}) {
    command->add_option("--db", graph_database, "The database (default: HOME/index)");
    command->add_option("--vocabulary", graph.vocabulary, "Folder of the entity vocabulary");
    graph_config.add_to(command);
  }
  graph_cmd->footer(
      "\nAn edge's weight is the number of passages (sentences) that name both entities; a\n"
      "sentence without a drug counts its paragraph's drug. acts_on edges also count the\n"
      "passages that say the drug blocks (antagonist) or activates (agonist) the receptor.");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version arrive as "errors" with exit code 0.
    CLI::App* target = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
    if (dynamic_cast<const CLI::CallForVersion*>(&e)) {
      std::cout << app.version() << "\n";
      return 0;
    }
    if (e.get_exit_code() == 0) {
      std::cout << target->help();
      return 0;
    }
    std::cerr << "litgraph: " << e.what() << "\n" << target->help();
    return static_cast<int>(litgraph::ExitCode::kUsage);
  }

  if (refs_cmd->parsed())
    return static_cast<int>(litgraph::cli::run_refs(refs, std::cout, std::cerr));
  if (entities_cmd->parsed())
    return static_cast<int>(litgraph::cli::run_entities(entities, std::cout, std::cerr));
  if (refresh_cmd->parsed()) {
    auto config = refresh_config.load();
    refresh.database = refresh_database;
    refresh.log = refresh_log;
    return static_cast<int>(litgraph::cli::run_refresh(refresh, config, std::cout, std::cerr));
  }
  if (shard_cmd->parsed()) {
    auto config = shard_config.load();
    const std::filesystem::path source =
        shard_database.empty() ? config.home / "index" : std::filesystem::path(shard_database);
    auto split = litgraph::indexer::split_into_shards(source, shard_out, shard_count);
    if (shard_json) {
      std::cout << "{\"stub\":\"" << split.stub.string() << "\",\"shards\":[";
      for (std::size_t k = 0; k < split.records.size(); ++k) {
        std::cout << (k ? "," : "") << "{\"path\":\"" << (std::filesystem::path(shard_out) / ("shard" + std::to_string(k))).string()
                  << "\",\"records\":" << split.records[k] << "}";
      }
      std::cout << "]}\n";
    } else {
      for (std::size_t k = 0; k < split.records.size(); ++k) {
        std::cout << "shard" << k << ": " << split.records[k] << " records\n";
      }
      std::cout << "stub: " << split.stub.string() << " (use it as --db)\n";
    }
    return 0;
  }
  if (check_cmd->parsed())
    return static_cast<int>(litgraph::cli::run_check(check, check_config.load(), std::cout, std::cerr));
  if (crawl_cmd->parsed())
    return static_cast<int>(litgraph::cli::run_crawl(crawl, crawl_config.load(), std::cout, std::cerr));
  if (index_cmd->parsed()) {
    auto config = index_config.load();
    index.home = config.home;
    index.database = index_database;
    index.works = !no_works;
    return static_cast<int>(litgraph::cli::run_index(index, std::cout, std::cerr));
  }
  if (stats_cmd->parsed()) {
    auto config = stats_config.load();
    stats.database = stats_database.empty() ? config.home / "index" : std::filesystem::path(stats_database);
    return static_cast<int>(litgraph::cli::run_stats(stats, std::cout, std::cerr));
  }
  if (graph_cmd->parsed()) {
    auto config = graph_config.load();
    graph.database = graph_database.empty() ? config.home / "index" : std::filesystem::path(graph_database);
    if (neighbors_cmd->parsed()) {
      return static_cast<int>(litgraph::cli::run_graph_neighbors(graph, std::cout));
    }
    if (export_cmd->parsed()) return static_cast<int>(litgraph::cli::run_graph_export(graph, std::cout));
    return static_cast<int>(litgraph::cli::run_graph_evidence(graph, std::cout));
  }
  if (query_cmd->parsed()) {
    auto config = query_config.load();
    query.database = query_database.empty() ? config.home / "index" : std::filesystem::path(query_database);
    return static_cast<int>(litgraph::cli::run_query(query, std::cout, std::cerr));
  }
  if (show_cmd->parsed()) {
    auto config = show_config.load();
    show.database = show_database.empty() ? config.home / "index" : std::filesystem::path(show_database);
    return static_cast<int>(litgraph::cli::run_show(show, std::cout, std::cerr));
  }
  if (match_cmd->parsed())
    return static_cast<int>(litgraph::cli::run_match(match, match_config.load(), std::cout, std::cerr));
  return static_cast<int>(litgraph::ExitCode::kUsage);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const litgraph::Error& e) {
    std::cerr << "litgraph: " << e.what() << "\n";
    return static_cast<int>(e.exit_code());
  } catch (const std::exception& e) {
    std::cerr << "litgraph: internal error: " << e.what() << "\n";
    return static_cast<int>(litgraph::ExitCode::kInternal);
  }
}
