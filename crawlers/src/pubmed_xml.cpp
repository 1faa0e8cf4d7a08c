#include "litgraph/crawlers/pubmed_xml.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <iterator>
#include <memory>
#include <pugixml.hpp>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "gzip_input.h"
#include "litgraph/schema/identifiers.h"
#include "litgraph/schema/pages.h"
#include "pubmed_xml_internal.h"

namespace litgraph::crawlers {

using schema::Source;
using schema::Work;

namespace {

// ---- text ----

bool is_ascii_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool is_blank(std::string_view text) { return std::all_of(text.begin(), text.end(), is_ascii_space); }

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_ascii_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_ascii_space(text.back())) text.remove_suffix(1);
  return text;
}

// Length in bytes of a non-ASCII space at `pos` (no-break, en to hair, narrow
// no-break, medium mathematical, ideographic), or 0. NLM uses them freely
// ("75&#xa0;år"), and they should not survive into indexed text.
std::size_t unicode_space_length(std::string_view text, std::size_t pos) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  if (pos + 1 < text.size() && byte(pos) == 0xC2 && byte(pos + 1) == 0xA0) return 2;
  if (pos + 2 < text.size()) {
    unsigned a = byte(pos), b = byte(pos + 1), c = byte(pos + 2);
    if (a == 0xE2 && b == 0x80 && (c <= 0x8A || c == 0xAF)) return 3;  // U+2000-200A, U+202F
    if (a == 0xE2 && b == 0x81 && c == 0x9F) return 3;                  // U+205F
    if (a == 0xE3 && b == 0x80 && c == 0x80) return 3;                  // U+3000
  }
  return 0;
}

// Collapses every run of white space into one space, without leading or
// trailing space.
std::string collapse_spaces(std::string_view text) {
  auto space_length = [&](std::size_t i) -> std::size_t {
    if (static_cast<unsigned char>(text[i]) < 0x80) return is_ascii_space(text[i]) ? 1 : 0;
    return unicode_space_length(text, i);
  };
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    bool space = false;
    for (std::size_t n; i < text.size() && (n = space_length(i)) > 0; i += n) space = true;
    // A word is copied whole: one append rather than one per byte.
    const std::size_t word = i;
    while (i < text.size() && space_length(i) == 0) ++i;
    if (i == word) break;
    if (space && !out.empty()) out += ' ';
    out.append(text, word, i - word);
  }
  return out;
}

std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool starts_math(const pugi::xml_node& element) {
  return std::string_view(element.name()).starts_with("mml:") || local_name(element) == "math";
}

void append_text(const pugi::xml_node& node, bool in_math, std::string& out);

// MathML has its own spacing: white space between its elements means nothing,
// an <mtext> of spaces is one space, and prescripts come first ("3He").
void append_math(const pugi::xml_node& element, std::string& out) {
  std::string_view name = local_name(element);
  if (name == "none" || name == "mprescripts") return;
  if (name == "mspace") {
    out += ' ';
    return;
  }
  if (name == "mmultiscripts") {
    std::vector<pugi::xml_node> parts;
    for (pugi::xml_node child : element.children())
      if (child.type() == pugi::node_element) parts.push_back(child);
    auto prescripts = std::find_if(parts.begin(), parts.end(), [](const pugi::xml_node& part) {
      return local_name(part) == "mprescripts";
    });
    if (prescripts != parts.end())
      for (auto it = std::next(prescripts); it != parts.end(); ++it) append_math(*it, out);
    for (auto it = parts.begin(); it != prescripts; ++it) append_math(*it, out);
    return;
  }
  append_text(element, true, out);
}

// The text inside `node` with the markup dropped (<i>, <sup>, <b>, MathML).
void append_text(const pugi::xml_node& node, bool in_math, std::string& out) {
  for (pugi::xml_node child : node.children()) {
    switch (child.type()) {
      case pugi::node_pcdata:
      case pugi::node_cdata: {
        std::string_view value = child.value();
        if (!in_math) {
          out += value;
        } else if (!is_blank(value)) {
          out += trim(value);
        } else if (local_name(node) == "mtext") {
          out += ' ';
        }
        break;
      }
      case pugi::node_element:
        if (in_math || starts_math(child)) {
          append_math(child, out);
        } else {
          append_text(child, false, out);
        }
        break;
      default:
        break;  // comments, processing instructions
    }
  }
}

std::string text_of(const pugi::xml_node& node) {
  std::string raw;
  append_text(node, false, raw);
  return collapse_spaces(raw);
}

std::optional<std::string> optional_text(const pugi::xml_node& node) {
  std::string text = text_of(node);
  if (text.empty()) return std::nullopt;
  return text;
}

bool is_yes(const pugi::xml_attribute& attribute) {
  return std::string_view(attribute.value()) == "Y";
}

template <typename Number>
std::optional<Number> parse_number(std::string_view text) {
  text = trim(text);
  Number value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c)) != 0;
  });
}

void push_unique(std::vector<std::string>& list, std::string value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end())
    list.push_back(std::move(value));
}

// ---- identifiers ----

// "PMC5844442", "pmc5844442.2" or "5844442" -> "PMC5844442".
std::optional<std::string> normalize_pmcid(std::string_view text) {
  text = trim(text);
  if (text.size() > 3 && (text[0] == 'P' || text[0] == 'p') && (text[1] == 'M' || text[1] == 'm') &&
      (text[2] == 'C' || text[2] == 'c'))
    text.remove_prefix(3);
  text = text.substr(0, text.find('.'));  // a version: "PMC2883744.1"
  if (!all_digits(text)) return std::nullopt;
  return "PMC" + std::string(text);
}

// "https://orcid.org/0000-0002-4590-7461" or "0000000245907461" ->
// "0000-0002-4590-7461"; empty if it is not an ORCID iD.
std::string normalize_orcid(std::string_view text) {
  text = trim(text);
  std::size_t slash = text.rfind('/');
  if (slash != std::string_view::npos) text.remove_prefix(slash + 1);
  std::string chars;
  for (char c : text)
    if (c != '-') chars += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (chars.size() != 16 || !all_digits(std::string_view(chars).substr(0, 15)) ||
      !(std::isdigit(static_cast<unsigned char>(chars[15])) || chars[15] == 'X'))
    return {};
  return chars.substr(0, 4) + '-' + chars.substr(4, 4) + '-' + chars.substr(8, 4) + '-' +
         chars.substr(12, 4);
}

void read_article_ids(const pugi::xml_node& list, Work& work) {
  for (pugi::xml_node id : list.children("ArticleId")) {
    std::string_view type = id.attribute("IdType").value();
    if (type == "doi" && !work.doi) {
      work.doi = schema::normalize_doi(text_of(id));
    } else if (type == "pmc" && !work.pmcid) {
      work.pmcid = normalize_pmcid(text_of(id));
    }
  }
}

void read_elocation_doi(const pugi::xml_node& parent, Work& work) {
  for (pugi::xml_node location : parent.children("ELocationID")) {
    if (work.doi) return;
    if (std::string_view(location.attribute("EIdType").value()) == "doi" &&
        std::string_view(location.attribute("ValidYN").value()) != "N")
      work.doi = schema::normalize_doi(text_of(location));
  }
}

// ---- titles ----

// NLM brackets the English titles it translated: "[Vaccines are drugs]." ->
// "Vaccines are drugs." The brackets must enclose the whole title.
std::string strip_translation_brackets(const std::string& title) {
  std::size_t end = title.size();
  bool period = end > 0 && title[end - 1] == '.';
  if (period) --end;
  if (end < 2 || title[0] != '[' || title[end - 1] != ']') return title;
  int depth = 0;
  for (std::size_t i = 0; i < end; ++i) {
    if (title[i] == '[') ++depth;
    if (title[i] == ']' && --depth == 0 && i != end - 1) return title;
  }
  std::string inner = collapse_spaces(std::string_view(title).substr(1, end - 2));
  std::string_view end_text = inner;
  bool ends_sentence = end_text.ends_with('.') || end_text.ends_with('?') || end_text.ends_with('!') ||
                       end_text.ends_with("\u2026");
  if (period && !ends_sentence) inner += '.';
  return inner;
}

// Sets title and other_titles; "[Not Available]." (no English title) yields
// to the vernacular title.
void read_titles(const pugi::xml_node& article_title, const pugi::xml_node& vernacular, Work& work) {
  std::string title = strip_translation_brackets(text_of(article_title));
  std::string other = text_of(vernacular);
  std::string bare = title;
  if (!bare.empty() && bare.back() == '.') bare.pop_back();
  if (bare == "Not Available") title.clear();
  if (title.empty()) std::swap(title, other);
  if (!title.empty()) work.title = title;
  if (!other.empty()) work.other_titles.push_back(other);
}

// ---- dates ----

std::optional<int> parse_month(std::string_view text) {
  static constexpr std::array<std::string_view, 12> kMonths = {
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  text = trim(text);
  if (all_digits(text)) {
    std::optional<int> month = parse_number<int>(text);
    if (month && *month >= 1 && *month <= 12) return month;
    return std::nullopt;
  }
  if (text.size() < 3 || !std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalpha(static_cast<unsigned char>(c)) != 0;
      }))
    return std::nullopt;
  std::string prefix;
  for (char c : text.substr(0, 3)) prefix += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto it = std::find(kMonths.begin(), kMonths.end(), prefix);
  if (it == kMonths.end()) return std::nullopt;
  return static_cast<int>(it - kMonths.begin()) + 1;
}

std::optional<int> parse_year(std::string_view text) {
  text = trim(text);
  if (text.size() != 4 || !all_digits(text)) return std::nullopt;
  return parse_number<int>(text);
}

std::optional<int> parse_day(std::string_view text) {
  std::optional<int> day = all_digits(trim(text)) ? parse_number<int>(text) : std::nullopt;
  if (day && *day >= 1 && *day <= 31) return day;
  return std::nullopt;
}

// The first plausible year in a text ("Cell Rep. 2022 Jun 28;39(13):111044").
std::optional<int> year_in(std::string_view text) {
  for (std::size_t i = 0; i + 4 <= text.size(); ++i) {
    bool starts = i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]));
    bool ends = i + 4 == text.size() || !std::isalnum(static_cast<unsigned char>(text[i + 4]));
    std::optional<int> year = starts && ends ? parse_year(text.substr(i, 4)) : std::nullopt;
    if (year && *year >= 1800 && *year <= 2099) return year;
  }
  return std::nullopt;
}

// "1990 May-Jun", "2000 Winter", "1998 Dec-1999 Jan", "2000 Dec 21-28":
// always the first year; a month (and day) only where one is named.
void read_medline_date(std::string_view text, Work& work) {
  work.year = year_in(text);
  std::vector<std::string_view> tokens;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = std::min(text.find(' ', pos), text.size());
    if (end > pos) tokens.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  if (!work.year || tokens.size() < 2 || parse_year(tokens[0]) != work.year) return;
  work.month = parse_month(tokens[1]);
  if (work.month && tokens.size() > 2) work.day = parse_day(tokens[2]);
}

void read_pub_date(const pugi::xml_node& date, Work& work) {
  if (pugi::xml_node medline = date.child("MedlineDate")) {
    read_medline_date(text_of(medline), work);
    return;
  }
  work.year = parse_year(text_of(date.child("Year")));
  if (!work.year) return;
  // A Season naming one month counts; "Jan-Feb" and "Winter" do not.
  work.month = date.child("Month") ? parse_month(text_of(date.child("Month")))
                                   : parse_month(text_of(date.child("Season")));
  if (work.month) work.day = parse_day(text_of(date.child("Day")));
}

// ---- pages ----

std::pair<std::string_view, std::string_view> split_range(std::string_view range) {
  std::size_t dash = range.find('-');
  if (dash == std::string_view::npos) return {trim(range), {}};
  return {trim(range.substr(0, dash)), trim(range.substr(dash + 1))};
}

void read_pages(const pugi::xml_node& pagination, Work& work) {
  std::string pgn = text_of(pagination.child("MedlinePgn"));
  if (pgn.empty()) {
    std::string start = text_of(pagination.child("StartPage"));
    std::string end = text_of(pagination.child("EndPage"));
    if (start.empty()) return;
    work.first_page = start;
    work.pages = start;
    if (!end.empty() && end != start) {
      work.last_page = schema::expand_last_page(start, end);
      work.pages = start + "-" + *work.last_page;
    }
    return;
  }
  // Several ranges: "521-3, 525-8", "1234-56; discussion 1234-5".
  std::vector<std::string_view> pieces;
  for (std::size_t pos = 0; pos <= pgn.size();) {
    std::size_t end = std::min(pgn.find_first_of(",;", pos), pgn.size());
    std::string_view piece = trim(std::string_view(pgn).substr(pos, end - pos));
    if (!piece.empty()) pieces.push_back(piece);
    pos = end + 1;
  }
  work.pages = pgn;
  if (pieces.empty()) return;
  auto [first, last] = split_range(pieces.front());
  if (first.empty()) return;
  work.first_page = std::string(first);
  if (!last.empty()) work.last_page = schema::expand_last_page(first, last);
  if (pieces.size() == 1) {
    if (work.last_page) work.pages = *work.first_page + "-" + *work.last_page;
    return;
  }
  if (pieces.back().find(' ') == std::string_view::npos) {
    auto [back_first, back_last] = split_range(pieces.back());
    work.last_page = back_last.empty() ? std::string(back_first) : schema::expand_last_page(back_first, back_last);
  }
}

// ---- people, subjects, notices ----

bool lists_authors(const pugi::xml_node& list) {
  std::string_view type = list.attribute("Type").value();
  return type.empty() || type == "authors";
}

void read_authors(const pugi::xml_node& list, Work& work) {
  for (pugi::xml_node person : list.children("Author")) {
    if (std::string_view(person.attribute("ValidYN").value()) == "N") continue;  // a name NLM corrected
    schema::WorkAuthor author;
    if (pugi::xml_node collective = person.child("CollectiveName")) {
      author.family = text_of(collective);
      author.collective = true;
    } else {
      author.family = text_of(person.child("LastName"));
      author.given = text_of(person.child("ForeName"));
      if (author.given.empty()) author.given = text_of(person.child("FirstName"));  // pre-2000s DTDs
      if (author.given.empty()) author.given = text_of(person.child("Initials"));
    }
    for (pugi::xml_node id : person.children("Identifier"))
      if (std::string_view(id.attribute("Source").value()) == "ORCID" && author.orcid.empty())
        author.orcid = normalize_orcid(text_of(id));
    if (author.family.empty() && author.given.empty()) continue;
    work.authors.push_back(std::move(author));
  }
}

std::optional<std::string> read_abstract(const pugi::xml_node& abstract) {
  std::string out;
  for (pugi::xml_node section : abstract.children("AbstractText")) {
    std::string text = text_of(section);
    if (text.empty()) continue;
    std::string label = collapse_spaces(section.attribute("Label").value());
    if (!out.empty()) out += "\n\n";
    if (!label.empty()) out += label + ": ";
    out += text;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

void read_publication_types(pugi::xml_object_range<pugi::xml_named_node_iterator> types, Work& work) {
  for (pugi::xml_node type : types) {
    std::string name = text_of(type);
    if (!name.empty()) work.publication_types.push_back({type.attribute("UI").value(), name});
  }
}

void read_keywords(const pugi::xml_node& parent, Work& work) {
  for (pugi::xml_node list : parent.children("KeywordList"))
    for (pugi::xml_node keyword : list.children("Keyword")) push_unique(work.keywords, text_of(keyword));
}

void read_mesh(const pugi::xml_node& citation, Work& work) {
  for (pugi::xml_node heading : citation.child("MeshHeadingList").children("MeshHeading")) {
    pugi::xml_node descriptor = heading.child("DescriptorName");
    schema::MeshTerm term{descriptor.attribute("UI").value(), text_of(descriptor),
                          is_yes(descriptor.attribute("MajorTopicYN"))};
    for (pugi::xml_node qualifier : heading.children("QualifierName"))
      term.major = term.major || is_yes(qualifier.attribute("MajorTopicYN"));
    if (!term.name.empty()) work.mesh.push_back(std::move(term));
  }
  for (pugi::xml_node chemical : citation.child("ChemicalList").children("Chemical")) {
    pugi::xml_node substance = chemical.child("NameOfSubstance");
    std::string name = text_of(substance);
    if (!name.empty()) work.chemicals.push_back({substance.attribute("UI").value(), name, false});
  }
}

struct NoticeKind {
  std::string_view ref_type;  // CommentsCorrections RefType
  std::string_view type;
  std::string_view direction;
};

// "…In": the other record is a notice about this one; "…Of/For/On/From": this
// record is the notice. Cites, reprints and the like are not notices.
constexpr std::array<NoticeKind, 14> kNoticeKinds = {{
    {"RetractionIn", "retraction", "updated-by"},
    {"RetractionOf", "retraction", "update-to"},
    {"PartialRetractionIn", "partial-retraction", "updated-by"},
    {"PartialRetractionOf", "partial-retraction", "update-to"},
    {"ErratumIn", "erratum", "updated-by"},
    {"ErratumFor", "erratum", "update-to"},
    {"ExpressionOfConcernIn", "expression-of-concern", "updated-by"},
    {"ExpressionOfConcernFor", "expression-of-concern", "update-to"},
    {"CorrectedandRepublishedIn", "correction", "updated-by"},
    {"CorrectedandRepublishedFrom", "correction", "update-to"},
    {"UpdateIn", "update", "updated-by"},
    {"UpdateOf", "update", "update-to"},
    {"CommentIn", "comment", "updated-by"},
    {"CommentOn", "comment", "update-to"},
}};

void read_notices(const pugi::xml_node& citation, Work& work) {
  for (pugi::xml_node entry : citation.child("CommentsCorrectionsList").children("CommentsCorrections")) {
    std::string_view ref_type = entry.attribute("RefType").value();
    auto kind = std::find_if(kNoticeKinds.begin(), kNoticeKinds.end(),
                             [&](const NoticeKind& k) { return k.ref_type == ref_type; });
    if (kind == kNoticeKinds.end()) continue;
    schema::UpdateNotice notice;
    notice.type = kind->type;
    notice.direction = kind->direction;
    notice.pmid = text_of(entry.child("PMID"));
    notice.label = text_of(entry.child("RefSource"));
    std::vector<schema::IdentifierMatch> dois = schema::find_dois(notice.label);
    if (!dois.empty()) notice.doi = dois.front().value;
    notice.year = year_in(notice.label);
    notice.source = Source::kPubmed;
    work.notices.push_back(std::move(notice));
  }
}

// ---- records ----

void mark_pubmed_fields(Work& work) {
  auto mark = [&](const char* field, bool filled) {
    if (filled) work.field_sources[field] = Source::kPubmed;
  };
  mark("doi", work.doi.has_value());
  mark("pmid", work.pmid.has_value());
  mark("pmcid", work.pmcid.has_value());
  mark("title", work.title.has_value());
  mark("other_titles", !work.other_titles.empty());
  mark("authors", !work.authors.empty());
  mark("container", work.container.has_value());
  mark("container_short", work.container_short.has_value());
  mark("issns", !work.issns.empty());
  mark("year", work.year.has_value());
  mark("month", work.month.has_value());
  mark("day", work.day.has_value());
  mark("volume", work.volume.has_value());
  mark("issue", work.issue.has_value());
  mark("pages", work.pages.has_value());
  mark("first_page", work.first_page.has_value());
  mark("last_page", work.last_page.has_value());
  mark("abstract", work.abstract.has_value());
  mark("language", work.language.has_value());
  mark("type", !work.type.empty());
  mark("publication_types", !work.publication_types.empty());
  mark("mesh", !work.mesh.empty());
  mark("chemicals", !work.chemicals.empty());
  mark("keywords", !work.keywords.empty());
  mark("notices", !work.notices.empty());
}

// A MedlineCitation, with the PubmedData beside it in efetch output (absent in
// MEDLINE citation files).
Work read_citation(const pugi::xml_node& citation, const pugi::xml_node& pubmed_data) {
  Work work;
  work.type = "journal-article";
  work.pmid = optional_text(citation.child("PMID"));
  pugi::xml_node article = citation.child("Article");
  pugi::xml_node journal = article.child("Journal");
  read_titles(article.child("ArticleTitle"), article.child("VernacularTitle"), work);

  work.container = optional_text(journal.child("Title"));
  work.container_short = optional_text(journal.child("ISOAbbreviation"));
  pugi::xml_node journal_info = citation.child("MedlineJournalInfo");
  if (!work.container_short) work.container_short = optional_text(journal_info.child("MedlineTA"));
  for (pugi::xml_node issn : journal.children("ISSN")) push_unique(work.issns, text_of(issn));
  push_unique(work.issns, text_of(journal_info.child("ISSNLinking")));

  pugi::xml_node issue = journal.child("JournalIssue");
  work.volume = optional_text(issue.child("Volume"));
  work.issue = optional_text(issue.child("Issue"));
  read_pub_date(issue.child("PubDate"), work);
  // The issue's date is the print date unless the journal is online only.
  const std::string_view model = article.attribute("PubModel").as_string();
  if (model == "Print" || model == "Print-Electronic") work.print_year = work.year;
  for (pugi::xml_node date : article.children("ArticleDate")) {
    if (std::string_view(date.attribute("DateType").as_string()) == "Electronic") {
      work.online_year = parse_year(text_of(date.child("Year")));
    }
  }
  read_pages(article.child("Pagination"), work);

  read_article_ids(pubmed_data.child("ArticleIdList"), work);
  read_elocation_doi(article, work);

  for (pugi::xml_node list : article.children("AuthorList"))
    if (lists_authors(list)) read_authors(list, work);
  work.abstract = read_abstract(article.child("Abstract"));
  work.language = optional_text(article.child("Language"));
  read_publication_types(article.child("PublicationTypeList").children("PublicationType"), work);
  read_mesh(citation, work);
  read_keywords(citation, work);
  read_notices(citation, work);
  return work;
}

// A PubmedBookArticle: a chapter (ArticleTitle) or a whole book (BookTitle only).
Work read_book(const pugi::xml_node& record) {
  Work work;
  pugi::xml_node document = record.child("BookDocument");
  pugi::xml_node book = document.child("Book");
  work.pmid = optional_text(document.child("PMID"));
  std::optional<std::string> book_title = optional_text(book.child("BookTitle"));
  if (document.child("ArticleTitle")) {
    work.type = "book-chapter";
    read_titles(document.child("ArticleTitle"), document.child("VernacularTitle"), work);
    work.container = book_title;
  } else {
    work.type = "book";
    work.title = book_title;
  }
  work.volume = optional_text(book.child("Volume"));
  read_pub_date(book.child("PubDate"), work);
  read_pages(document.child("Pagination"), work);

  read_article_ids(document.child("ArticleIdList"), work);
  read_article_ids(record.child("PubmedBookData").child("ArticleIdList"), work);
  read_elocation_doi(document, work);
  read_elocation_doi(book, work);

  for (pugi::xml_node list : document.children("AuthorList"))
    if (lists_authors(list)) read_authors(list, work);
  if (work.authors.empty())  // a whole book by its authors, not its editors
    for (pugi::xml_node list : book.children("AuthorList"))
      if (lists_authors(list)) read_authors(list, work);
  work.abstract = read_abstract(document.child("Abstract"));
  work.language = optional_text(document.child("Language"));
  read_publication_types(document.children("PublicationType"), work);
  read_keywords(document, work);
  return work;
}

// ---- XML responses ----

std::optional<std::string> load_xml(std::string_view xml, pugi::xml_document& doc) {
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size(), internal::kPubmedParseOptions);
  if (!parsed) {
    std::size_t offset = std::min(static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0)),
                                  xml.size());
    long line = 1 + std::count(xml.begin(), xml.begin() + static_cast<std::ptrdiff_t>(offset), '\n');
    return "XML parse error at offset " + std::to_string(offset) + " (line " + std::to_string(line) +
           "): " + parsed.description();
  }
  if (!doc.document_element()) return "no XML element found";
  return std::nullopt;
}

// Why a document with an unexpected root cannot be used: NCBI's own <ERROR>,
// else the root's name and, for an HTML error page, its title.
std::string unexpected_root(const pugi::xml_node& root, std::string_view expected) {
  pugi::xml_node error = std::string_view(root.name()) == "ERROR" ? root : root.child("ERROR");
  if (error) return "NCBI error: " + text_of(error);
  std::string message = "not " + std::string(expected) + ": the root element is <" + root.name() + ">";
  if (local_name(root) == "html") {
    std::string title = text_of(root.child("head").child("title"));
    if (!title.empty()) message += ", an HTML page titled \"" + title + "\"";
  }
  return message;
}

// ---- JSON ----

std::string percent_decode(std::string_view text) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// A member as text: strings as they are, integers written out ("pmid": 20495566).
std::string member_text(const rapidjson::Value& object, const char* name) {
  auto member = object.FindMember(name);
  if (member == object.MemberEnd()) return {};
  if (member->value.IsString())
    return std::string(member->value.GetString(), member->value.GetStringLength());
  if (member->value.IsInt64()) return std::to_string(member->value.GetInt64());
  return {};
}

}  // namespace

namespace internal {

bool is_pubmed_set(std::string_view root_name) {
  return root_name == "PubmedArticleSet" || root_name == "MedlineCitationSet";
}

bool is_pubmed_record(std::string_view element_name) {
  return element_name == "PubmedArticle" || element_name == "PubmedBookArticle" ||
         element_name == "MedlineCitation";
}

PubmedSetEntry read_pubmed_set_entry(const pugi::xml_node& element) {
  PubmedSetEntry entry;
  std::string_view kind = element.name();
  Work work;
  if (kind == "PubmedArticle") {
    work = read_citation(element.child("MedlineCitation"), element.child("PubmedData"));
  } else if (kind == "MedlineCitation") {
    work = read_citation(element, pugi::xml_node());
  } else if (kind == "PubmedBookArticle") {
    work = read_book(element);
  } else {
    if (kind == "ERROR") entry.error = "NCBI error: " + text_of(element);
    return entry;  // DeleteCitation
  }
  if (!work.pmid) {
    entry.error = "no PMID";
  } else if (!all_digits(*work.pmid)) {
    entry.error = "PMID \"" + *work.pmid + "\" is not a number";
  } else {
    mark_pubmed_fields(work);
    entry.work = std::move(work);
  }
  return entry;
}

}  // namespace internal

PubmedParseResult parse_pubmed_xml(std::string_view xml) {
  PubmedParseResult result;
  pugi::xml_document doc;
  if (std::optional<std::string> problem = load_xml(xml, doc)) {
    result.errors.push_back(std::move(*problem));
    return result;
  }
  pugi::xml_node root = doc.document_element();
  if (!internal::is_pubmed_set(root.name())) {
    result.errors.push_back(unexpected_root(root, "PubMed XML"));
    return result;
  }
  int n = 0;
  for (pugi::xml_node element : root.children()) {
    if (element.type() != pugi::node_element) continue;
    bool record = internal::is_pubmed_record(element.name());
    n += record;
    internal::PubmedSetEntry entry = internal::read_pubmed_set_entry(element);
    if (entry.work) {
      result.works.push_back(std::move(*entry.work));
    } else if (!entry.error.empty()) {
      result.errors.push_back(record ? "record " + std::to_string(n) + ": " + entry.error : entry.error);
    }
  }
  return result;
}

EsearchResult parse_esearch_xml(std::string_view xml) {
  EsearchResult result;
  pugi::xml_document doc;
  if (std::optional<std::string> problem = load_xml(xml, doc)) {
    result.error = std::move(problem);
    return result;
  }
  pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != "eSearchResult" || root.child("ERROR")) {
    result.error = unexpected_root(root, "an eSearchResult");
    return result;
  }
  result.count = parse_number<long>(text_of(root.child("Count"))).value_or(0);
  result.ret_max = parse_number<long>(text_of(root.child("RetMax"))).value_or(0);
  result.ret_start = parse_number<long>(text_of(root.child("RetStart"))).value_or(0);
  for (pugi::xml_node id : root.child("IdList").children("Id"))
    if (std::string value = text_of(id); !value.empty()) result.ids.push_back(std::move(value));
  result.query_key = text_of(root.child("QueryKey"));
  result.web_env = text_of(root.child("WebEnv"));
  result.query_translation = text_of(root.child("QueryTranslation"));
  auto read_list = [](const pugi::xml_node& list, std::vector<std::string>& out) {
    for (pugi::xml_node entry : list.children())
      if (entry.type() == pugi::node_element) out.push_back(std::string(entry.name()) + ": " + text_of(entry));
  };
  read_list(root.child("ErrorList"), result.search_errors);
  read_list(root.child("WarningList"), result.warnings);
  return result;
}

CitationMatchResult parse_ecitmatch(std::string_view text) {
  CitationMatchResult result;
  std::string_view start = trim(text);
  if (!start.empty() && start.front() == '<') {
    result.errors.push_back("not ECitMatch output: the response is XML or HTML");
    return result;
  }
  long line_number = 0;
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view line = trim(text.substr(pos, end - pos));
    pos = end + 1;
    ++line_number;
    if (line.empty()) continue;
    std::vector<std::string_view> fields;
    for (std::size_t from = 0;;) {
      std::size_t bar = line.find('|', from);
      fields.push_back(trim(line.substr(from, bar == std::string_view::npos ? line.size() - from : bar - from)));
      if (bar == std::string_view::npos) break;
      from = bar + 1;
    }
    std::string where = "line " + std::to_string(line_number) + ": ";
    if (fields.size() != 7) {
      result.errors.push_back(where + "expected 7 fields separated by '|', found " +
                              std::to_string(fields.size()));
      continue;
    }
    CitationMatch match;
    match.journal = fields[0];
    match.year = fields[1];
    match.volume = fields[2];
    match.first_page = fields[3];
    match.author = fields[4];
    match.key = fields[5];
    std::string_view answer = fields[6];
    std::size_t word_end = std::min(answer.find_first_of("; ("), answer.size());
    std::string_view word = answer.substr(0, word_end);
    match.detail = std::string(trim(answer.substr(word_end)));
    if (!match.detail.empty() && match.detail.front() == ';') match.detail.erase(0, 1);
    if (all_digits(answer)) {
      match.status = CitationMatchStatus::kFound;
      match.pmid = std::string(answer);
    } else if (word == "AMBIGUOUS") {
      match.status = CitationMatchStatus::kAmbiguous;
    } else if (word != "NOT_FOUND") {
      result.errors.push_back(where + "unexpected result \"" + std::string(answer) + "\" for key \"" +
                              match.key + "\"");
      continue;
    }
    result.matches.push_back(std::move(match));
  }
  return result;
}

IdConversionResult parse_idconv_json(std::string_view json) {
  IdConversionResult result;
  rapidjson::Document doc;
  doc.Parse(json.data(), json.size());
  if (doc.HasParseError()) {
    result.error = "JSON parse error at offset " + std::to_string(doc.GetErrorOffset()) + ": " +
                   rapidjson::GetParseError_En(doc.GetParseError());
    return result;
  }
  if (!doc.IsObject()) {
    result.error = "not an ID converter response: the JSON is not an object";
    return result;
  }
  if (member_text(doc, "status") == "error") {
    std::string message = percent_decode(member_text(doc, "message"));
    result.error = message.empty() ? "the ID converter answered status \"error\"" : message;
    return result;
  }
  auto records = doc.FindMember("records");
  if (records == doc.MemberEnd() || !records->value.IsArray()) {
    result.error = "not an ID converter response: no \"records\" list";
    return result;
  }
  for (const rapidjson::Value& record : records->value.GetArray()) {
    if (!record.IsObject()) continue;
    IdConversion conversion;
    conversion.requested = member_text(record, "requested-id");
    if (std::string doi = member_text(record, "doi"); !doi.empty()) conversion.doi = schema::normalize_doi(doi);
    if (std::string pmid = member_text(record, "pmid"); all_digits(pmid)) conversion.pmid = pmid;
    if (std::string pmcid = member_text(record, "pmcid"); !pmcid.empty())
      conversion.pmcid = normalize_pmcid(pmcid);
    if (member_text(record, "status") == "error") {
      std::string message = member_text(record, "errmsg");
      conversion.error = message.empty() ? "not converted" : message;
    }
    result.records.push_back(std::move(conversion));
  }
  return result;
}

GzipFile read_gzip_file(const std::filesystem::path& path) {
  GzipFile file;
  try {
    internal::GzipInput in(path.string());
    constexpr std::size_t kChunk = 1 << 20;
    for (;;) {
      std::size_t had = file.bytes.size();
      file.bytes.resize(had + kChunk);
      std::size_t got = in.read(file.bytes.data() + had, kChunk);
      file.bytes.resize(had + got);
      if (got == 0) break;
    }
    if (!in.error().empty()) {
      file.error = in.error();
      file.bytes.clear();
    }
  } catch (const std::system_error& e) {
    file.error = e.code().message();
  }
  return file;
}

}  // namespace litgraph::crawlers
