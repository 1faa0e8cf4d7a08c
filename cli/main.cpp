// The `litgraph` program: parses the command line, runs one command, and
// turns errors into the exit codes of litgraph::ExitCode.
#include <CLI/CLI.hpp>
#include <iostream>

#include "litgraph/schema/error.h"
#include "refs_command.h"

namespace {

constexpr const char* kVersion = LITGRAPH_VERSION;

std::string exit_code_footer() {
  return std::string("\nExit codes:\n") + litgraph::exit_code_table();
}

int run(int argc, char** argv) {
  CLI::App app{"litgraph: a literature knowledge-graph indexer for articles on medicine.\n"
               "Extracts what articles cite, and (in later versions) indexes them with the\n"
               "drugs, conditions and receptors they mention.",
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

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    std::cout << app.version() << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    // A subcommand's --help arrives here too, as CallForHelp thrown from it.
    if (e.get_exit_code() == 0) {
      CLI::App* target = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
      std::cout << target->help();
      return 0;
    }
    std::cerr << "litgraph: " << e.what() << "\n";
    CLI::App* target = app.get_subcommands().empty() ? &app : app.get_subcommands().front();
    std::cerr << target->help();
    return static_cast<int>(litgraph::ExitCode::kUsage);
  }

  if (refs_cmd->parsed())
    return static_cast<int>(litgraph::cli::run_refs(refs, std::cout, std::cerr));
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
