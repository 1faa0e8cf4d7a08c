// BibTeX, RIS and CSL-JSON writers. The three formats take the same fields
// from a Work; they differ in how names, pages and special characters are
// written, so each has its own small writer over the shared helpers below.
#include "litgraph/checker/export.h"

#include <array>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "litgraph/schema/text.h"

namespace litgraph::checker {

using schema::Source;
using schema::Work;
using schema::WorkAuthor;

namespace {

// ------------------------------------------------------------ shared helpers

// What kind of publication a work is, in the terms the three formats share.
// Crossref and PubMed types; a work from a citation alone may have none.
enum class Kind { kJournalArticle, kChapter, kConferencePaper, kBook, kDataset, kOther };

Kind kind_of(const Work& work) {
  const std::string& type = work.type;
  if (type == "journal-article") return Kind::kJournalArticle;
  if (type == "book-chapter" || type == "book-section" || type == "book-part") return Kind::kChapter;
  if (type == "proceedings-article") return Kind::kConferencePaper;
  if (type == "book" || type == "monograph" || type == "edited-book" || type == "reference-book")
    return Kind::kBook;
  if (type == "dataset") return Kind::kDataset;
  return Kind::kOther;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Runs of white space as one space, none at the ends: BibTeX and RIS values
// must stay on one line, and records sometimes keep the line breaks of XML.
std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

bool has_value(const std::optional<std::string>& value) {
  return value && !one_line(*value).empty();
}

// The page range joined by `dash`, a single page, or else the pages as given
// (an article number, "1-5, 7").
std::optional<std::string> page_text(const Work& work, std::string_view dash) {
  if (has_value(work.first_page)) {
    if (has_value(work.last_page) && *work.last_page != *work.first_page)
      return *work.first_page + std::string(dash) + *work.last_page;
    return *work.first_page;
  }
  if (has_value(work.pages)) return one_line(*work.pages);
  return std::nullopt;
}

// Month and day only when they make a date with what comes before them.
std::optional<int> known_month(const Work& work) {
  if (!work.year || !work.month || *work.month < 1 || *work.month > 12) return std::nullopt;
  return work.month;
}

std::optional<int> known_day(const Work& work) {
  if (!known_month(work) || !work.day || *work.day < 1 || *work.day > 31) return std::nullopt;
  return work.day;
}

// ------------------------------------------------------------ citation keys

// The name part of a key: the family name folded to ASCII letters and digits
// ("Pánek" -> "panek", "van der Berg" -> "vanderberg"); for a group, its first
// word other than an article, since the whole name would make a long key.
std::string key_name(const WorkAuthor& author) {
  std::vector<std::string> words = schema::folded_words(author.family);
  if (author.collective) {
    std::size_t first = 0;
    while (first + 1 < words.size() &&
           (words[first] == "the" || words[first] == "a" || words[first] == "an"))
      ++first;
    words = words.empty() ? words : std::vector<std::string>{words[first]};
  }
  std::string name;
  for (const std::string& word : words)
    for (char c : word)
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) name += c;  // other scripts dropped
  return name;
}

std::string base_key(const Work& work) {
  std::string name = work.authors.empty() ? "" : key_name(work.authors.front());
  if (name.empty()) name = "anon";
  return name + (work.year ? std::to_string(*work.year) : "nd");
}

// 0 -> "a", 25 -> "z", 26 -> "aa": letters that never run out.
std::string letter_suffix(std::size_t index) {
  std::string out;
  ++index;
  while (index > 0) {
    --index;
    out.insert(out.begin(), static_cast<char>('a' + index % 26));
    index /= 26;
  }
  return out;
}

// ------------------------------------------------------------ BibTeX

// Text for a BibTeX field: TeX's special characters escaped, UTF-8 kept
// (biber and modern BibTeX read it).
std::string bibtex_text(std::string_view text) {
  std::string out;
  for (char c : one_line(text)) {
    switch (c) {
      case '{': case '}': case '&': case '%': case '$': case '#': case '_':
        out += '\\';
        out += c;
        break;
      case '~': out += "\\textasciitilde{}"; break;
      case '^': out += "\\textasciicircum{}"; break;
      case '\\': out += "\\textbackslash{}"; break;
      default: out += c;
    }
  }
  return out;
}

// True when BibTeX would split `name` itself: at a comma, or at a word "and".
bool needs_braces(std::string_view name) {
  if (name.find(',') != std::string_view::npos) return true;
  for (const std::string& word : schema::folded_words(name))
    if (word == "and") return true;
  return false;
}

// "Family, Given". A group, and a lone family name of several words, go in
// braces so that BibTeX neither splits them into names nor reads a first name.
std::string bibtex_name(const WorkAuthor& author) {
  std::string family = bibtex_text(author.family);
  std::string given = bibtex_text(author.given);
  if (author.collective || (given.empty() && family.find(' ') != std::string::npos) ||
      needs_braces(author.family))
    family = "{" + family + "}";
  if (given.empty()) return family;
  if (needs_braces(author.given)) given = "{" + given + "}";
  return family + ", " + given;
}

// A DOI as biblatex reads it, verbatim; only braces are percent-encoded, since
// unbalanced ones would end the field.
std::string bibtex_doi(std::string_view doi) {
  std::string out;
  for (char c : one_line(doi)) {
    if (c == '{') out += "%7B";
    else if (c == '}') out += "%7D";
    else out += c;
  }
  return out;
}

constexpr std::array<const char*, 12> kBibtexMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                       "jul", "aug", "sep", "oct", "nov", "dec"};

// The entry type and the field that names the container.
std::pair<const char*, const char*> bibtex_type(const Work& work) {
  bool has_container = has_value(work.container);
  switch (kind_of(work)) {
    case Kind::kJournalArticle: return {"article", "journal"};
    case Kind::kChapter:
      return has_container ? std::pair{"incollection", "booktitle"} : std::pair{"misc", "howpublished"};
    case Kind::kConferencePaper:
      return has_container ? std::pair{"inproceedings", "booktitle"} : std::pair{"misc", "howpublished"};
    case Kind::kBook: return {"book", "series"};
    default: return {"misc", "howpublished"};
  }
}

void bibtex_entry(const ExportEntry& entry, std::string& out) {
  const Work& work = entry.work;
  auto [type, container_field] = bibtex_type(work);
  out += "@" + std::string(type) + "{" + entry.key + ",\n";
  auto field = [&out](std::string_view name, const std::string& value) {
    out += "  " + std::string(name) + " = {" + value + "},\n";
  };
  if (!work.authors.empty()) {
    std::string names;
    for (const WorkAuthor& author : work.authors) {
      if (!names.empty()) names += " and ";
      names += bibtex_name(author);
    }
    field("author", names);
  }
  if (has_value(work.title)) field("title", "{" + bibtex_text(*work.title) + "}");  // keeps case
  if (has_value(work.container)) field(container_field, bibtex_text(*work.container));
  if (has_value(work.container_short) && kind_of(work) == Kind::kJournalArticle)
    field("shortjournal", bibtex_text(*work.container_short));
  if (work.year) field("year", std::to_string(*work.year));
  if (auto month = known_month(work))
    out += "  month = " + std::string(kBibtexMonths[*month - 1]) + ",\n";  // a macro, no braces
  if (has_value(work.volume)) field("volume", bibtex_text(*work.volume));
  if (has_value(work.issue)) field("number", bibtex_text(*work.issue));
  if (auto pages = page_text(work, "--")) field("pages", bibtex_text(*pages));
  if (has_value(work.doi)) field("doi", bibtex_doi(*work.doi));
  if (has_value(work.pmid)) field("pmid", bibtex_text(*work.pmid));
  if (has_value(work.pmcid)) field("pmcid", bibtex_text(*work.pmcid));
  if (!work.issns.empty()) field("issn", bibtex_text(work.issns.front()));
  out += "}\n";
}

// ------------------------------------------------------------ RIS

const char* ris_type(const Work& work) {
  switch (kind_of(work)) {
    case Kind::kJournalArticle: return "JOUR";
    case Kind::kChapter: return "CHAP";
    case Kind::kConferencePaper: return "CPAPER";
    case Kind::kBook: return "BOOK";
    case Kind::kDataset: return "DATA";
    default: return "GEN";
  }
}

std::string ris_name(const WorkAuthor& author) {
  std::string family = one_line(author.family);
  std::string given = one_line(author.given);
  if (author.collective || given.empty()) return family;
  return family + ", " + given;
}

std::string two_digits(int value) { return (value < 10 ? "0" : "") + std::to_string(value); }

void ris_record(const ExportEntry& entry, std::string& out) {
  const Work& work = entry.work;
  auto line = [&out](std::string_view tag, const std::string& value) {
    out += std::string(tag) + "  - " + value + "\n";
  };
  line("TY", ris_type(work));
  for (const WorkAuthor& author : work.authors) line("AU", ris_name(author));
  if (has_value(work.title)) line("TI", one_line(*work.title));
  if (has_value(work.container))
    line(kind_of(work) == Kind::kJournalArticle ? "JO" : "T2", one_line(*work.container));
  if (has_value(work.container_short)) line("JA", one_line(*work.container_short));
  if (work.year) line("PY", std::to_string(*work.year));
  if (auto month = known_month(work)) {  // "YYYY/MM/DD/other", every slash kept
    auto day = known_day(work);
    line("DA", std::to_string(*work.year) + "/" + two_digits(*month) + "/" +
                   (day ? two_digits(*day) : "") + "/");
  }
  if (has_value(work.volume)) line("VL", one_line(*work.volume));
  if (has_value(work.issue)) line("IS", one_line(*work.issue));
  if (has_value(work.first_page)) {
    line("SP", one_line(*work.first_page));
    if (has_value(work.last_page) && *work.last_page != *work.first_page)
      line("EP", one_line(*work.last_page));
  } else if (has_value(work.pages)) {
    line("SP", one_line(*work.pages));
  }
  if (!work.issns.empty()) line("SN", one_line(work.issns.front()));
  if (has_value(work.doi)) line("DO", one_line(*work.doi));
  if (has_value(work.pmid)) line("AN", one_line(*work.pmid));
  if (has_value(work.pmcid)) line("C2", one_line(*work.pmcid));  // where EndNote and Zotero put it
  out += "ER  - \n\n";
}

// ------------------------------------------------------------ CSL-JSON

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

// CSL's item types; "paper-conference" is what Crossref's own CSL uses for
// proceedings articles.
const char* csl_type(const Work& work) {
  switch (kind_of(work)) {
    case Kind::kJournalArticle: return "article-journal";
    case Kind::kChapter: return "chapter";
    case Kind::kConferencePaper: return "paper-conference";
    case Kind::kBook: return "book";
    case Kind::kDataset: return "dataset";
    default: return "article";
  }
}

void csl_string(JsonWriter& json, const char* name, const std::optional<std::string>& value) {
  if (!has_value(value)) return;
  json.Key(name);
  json.String(one_line(*value));
}

void csl_authors(JsonWriter& json, const std::vector<WorkAuthor>& authors) {
  if (authors.empty()) return;
  json.Key("author");
  json.StartArray();
  for (const WorkAuthor& author : authors) {
    json.StartObject();
    if (author.collective) {
      json.Key("literal");
      json.String(one_line(author.family));
    } else {
      json.Key("family");
      json.String(one_line(author.family));
      if (std::string given = one_line(author.given); !given.empty()) {
        json.Key("given");
        json.String(given);
      }
    }
    json.EndObject();
  }
  json.EndArray();
}

void csl_issued(JsonWriter& json, const Work& work) {
  if (!work.year) return;
  json.Key("issued");
  json.StartObject();
  json.Key("date-parts");
  json.StartArray();
  json.StartArray();
  json.Int(*work.year);
  if (auto month = known_month(work)) json.Int(*month);
  if (auto day = known_day(work)) json.Int(*day);
  json.EndArray();
  json.EndArray();
  json.EndObject();
}

void csl_item(JsonWriter& json, const ExportEntry& entry) {
  const Work& work = entry.work;
  json.StartObject();
  json.Key("id");
  json.String(entry.key);
  json.Key("type");
  json.String(csl_type(work));
  csl_string(json, "title", work.title);
  csl_authors(json, work.authors);
  csl_string(json, "container-title", work.container);
  csl_string(json, "container-title-short", work.container_short);
  csl_issued(json, work);
  csl_string(json, "volume", work.volume);
  csl_string(json, "issue", work.issue);
  csl_string(json, "page", page_text(work, "-"));
  csl_string(json, "DOI", work.doi);
  csl_string(json, "PMID", work.pmid);
  csl_string(json, "PMCID", work.pmcid);
  if (!work.issns.empty()) csl_string(json, "ISSN", work.issns.front());
  json.EndObject();
}

}  // namespace

// ------------------------------------------------------------ public

Work work_from_reference(const schema::Reference& reference) {
  Work work;
  auto set = [&work](const char* field, auto& member, const auto& value) {
    if (!value) return;
    member = value;
    work.field_sources[field] = Source::kReference;
  };
  set("doi", work.doi, reference.doi);
  set("pmid", work.pmid, reference.pmid);
  set("pmcid", work.pmcid, reference.pmcid);
  set("title", work.title, reference.title);
  set("container", work.container, reference.container);
  set("year", work.year, reference.year);
  set("volume", work.volume, reference.volume);
  set("issue", work.issue, reference.issue);
  set("first_page", work.first_page, reference.first_page);
  set("last_page", work.last_page, reference.last_page);
  // The range written out in full ("856-64" -> "856-864"), as Work keeps it.
  std::optional<std::string> pages = reference.pages;
  if (reference.first_page && reference.last_page)
    pages = *reference.first_page + "-" + *reference.last_page;
  set("pages", work.pages, pages);

  for (const schema::Author& cited : reference.authors) {
    WorkAuthor author;
    author.family = cited.family;
    // WorkAuthor has no suffix: it follows the given names, as Vancouver
    // prints it ("Zarate CA Jr").
    author.given = cited.given;
    if (!cited.suffix.empty()) author.given += (author.given.empty() ? "" : " ") + cited.suffix;
    work.authors.push_back(std::move(author));
  }
  if (!work.authors.empty()) work.field_sources["authors"] = Source::kReference;

  // A citation names no type; a container with a volume or an issue is a journal.
  if (reference.container && (reference.volume || reference.issue)) {
    work.type = "journal-article";
    work.field_sources["type"] = Source::kReference;
  }
  return work;
}

std::vector<std::string> citation_keys(const std::vector<Work>& works) {
  std::vector<std::string> keys;
  std::map<std::string, int> uses;
  for (const Work& work : works) {
    keys.push_back(base_key(work));
    ++uses[keys.back()];
  }
  // Every base key is taken, so a suffixed key can never equal another's plain one.
  std::set<std::string> taken(keys.begin(), keys.end());
  std::map<std::string, std::size_t> next_suffix;
  for (std::string& key : keys) {
    if (uses[key] < 2) continue;
    std::size_t& next = next_suffix[key];
    std::string unique;
    do {
      unique = key + letter_suffix(next++);
    } while (!taken.insert(unique).second);
    key = std::move(unique);
  }
  return keys;
}

std::string to_bibtex(const std::vector<ExportEntry>& entries) {
  std::string out;
  for (const ExportEntry& entry : entries) {
    if (!out.empty()) out += "\n";
    bibtex_entry(entry, out);
  }
  return out;
}

std::string to_ris(const std::vector<ExportEntry>& entries) {
  std::string out;
  for (const ExportEntry& entry : entries) ris_record(entry, out);
  return out;
}

std::string to_csl_json(const std::vector<ExportEntry>& entries) {
  rapidjson::StringBuffer buffer;
  JsonWriter json(buffer);
  json.StartArray();
  for (const ExportEntry& entry : entries) csl_item(json, entry);
  json.EndArray();
  return {buffer.GetString(), buffer.GetSize()};
}

}  // namespace litgraph::checker
