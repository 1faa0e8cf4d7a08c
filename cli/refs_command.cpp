#include "refs_command.h"

#include <iostream>
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/writer.h>

#include "litgraph/crawlers/distinct_works.h"
#include "article_inputs.h"
#include "json_output.h"

namespace litgraph::cli {

using schema::Reference;

namespace {

void write_reference_fields(JsonWriter& w, const Reference& r) {
  w.Key("source");
  w.String(r.source);
  w.Key("line");
  w.Int64(r.line);
  w.Key("n");
  w.Int(r.n);
  w.Key("raw");
  w.String(r.raw);
  w.Key("style");
  w.String(std::string(schema::style_name(r.style)));
  write_optional(w, "doi", r.doi);
  write_optional(w, "pmid", r.pmid);
  write_optional(w, "pmcid", r.pmcid);
  w.Key("authors");
  w.StartArray();
  for (const auto& author : r.authors) {
    w.StartObject();
    w.Key("family");
    w.String(author.family);
    w.Key("given");
    w.String(author.given);
    w.EndObject();
  }
  w.EndArray();
  w.Key("et_al");
  w.Bool(r.et_al);
  write_optional(w, "year", r.year);
  write_optional(w, "title", r.title);
  write_optional(w, "container", r.container);
  write_optional(w, "volume", r.volume);
  write_optional(w, "issue", r.issue);
  write_optional(w, "pages", r.pages);
  write_optional(w, "first_page", r.first_page);
  write_optional(w, "last_page", r.last_page);
}

// One line for people: "Cohen SP, Bhatia A et al. (2018) Title. Container 43(5):521-546. doi:…"
std::string describe(const Reference& r) {
  std::string text;
  for (std::size_t i = 0; i < r.authors.size() && i < 3; ++i) {
    if (i) text += ", ";
    text += r.authors[i].family;
    if (!r.authors[i].given.empty()) text += " " + r.authors[i].given;
  }
  if (r.et_al || r.authors.size() > 3) text += " et al.";
  if (r.year) text += " (" + std::to_string(*r.year) + ")";
  if (!text.empty()) text += " ";
  if (r.title) text += *r.title + ".";
  if (r.container) text += " " + *r.container;
  if (r.volume) text += " " + *r.volume;
  if (r.issue) text += "(" + *r.issue + ")";
  if (r.pages) text += (r.volume || r.issue ? ":" : " ") + *r.pages;
  if (r.doi) text += " doi:" + *r.doi;
  if (r.pmid) text += " PMID:" + *r.pmid;
  if (text.empty()) text = r.raw;
  return text;
}

}  // namespace

ExitCode run_refs(const RefsOptions& options, std::ostream& out, std::ostream& err) {
  auto print_file = [&](const std::string& name, const std::vector<Reference>& refs) {
    out << name << ": " << refs.size() << (refs.size() == 1 ? " reference\n" : " references\n");
    for (const Reference& r : refs)
      out << "  " << r.n << ". line " << r.line << " [" << schema::style_name(r.style) << "] "
          << describe(r) << "\n";
  };
  FileReferencesCallback on_file;
  if (!options.json && !options.distinct) on_file = print_file;
  ArticleReferences input = read_article_references(options.paths, "refs", options.progress, err, on_file);
  const std::vector<Reference>& all = input.references;
  const std::size_t files_read = input.files_read;

  if (options.distinct) {
    auto works = crawlers::merge_same_works(all);
    if (options.json) {
      rapidjson::OStreamWrapper stream(out);
      JsonWriter w(stream);
      w.StartObject();
      w.Key("references");
      w.StartArray();
      for (const auto& work : works) {
        w.StartObject();
        write_reference_fields(w, work.reference);
        write_cited_by(w, work.cited_by);
        w.EndObject();
      }
      w.EndArray();
      w.EndObject();
      out << "\n";
    } else {
      std::size_t number = 0;
      for (const auto& work : works) {
        out << ++number << ". " << describe(work.reference) << "\n   cited by:";
        for (const auto& citation : work.cited_by) out << " " << citation.source << "#" << citation.n;
        out << "\n";
      }
    }
    err << works.size() << " distinct works from " << all.size() << " references in "
        << files_read << (files_read == 1 ? " file\n" : " files\n");
  } else if (options.json) {
    rapidjson::OStreamWrapper stream(out);
    JsonWriter w(stream);
    w.StartObject();
    w.Key("references");
    w.StartArray();
    for (const Reference& r : all) {
      w.StartObject();
      write_reference_fields(w, r);
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    out << "\n";
  } else {
    err << all.size() << " references in " << files_read << (files_read == 1 ? " file\n" : " files\n");
  }
  return input.status;
}

}  // namespace litgraph::cli
