// The layout of litgraph's Xapian database, in one place: what a record is,
// which terms and values it carries, and how it is found again. The indexer
// writes by these names and the query side reads by them; nothing else may
// invent a prefix or a slot.
//
// Records (one Xapian document each; kind term K<kind>):
//   article  a corpus file                id "article:<path as given>"
//   work     a cited or imported publication, keyed by its best identifier:
//                                           id "work:doi:<doi>", else
//                                           "work:pmid:<pmid>", else
//                                           "work:ref:<reference key>"
//   passage  a sentence: every sentence of an article's body (free text
//            indexed), and the sentences of a work's title and abstract
//            that carry a co-occurrence edge (no free text: the work has it)
//                                           id "<owner id>#p<n>"
//            A search leaves passages out unless it names a kind (they
//            would count their owner again in every facet).
//
// Every record has exactly one unique-id term Q<id>. A record that exists is
// rewritten with replace_document(Q<id>, doc), a new one added; writing the
// same record twice leaves one. A record's content hash (value slot kHash)
// lets the indexer skip unchanged input without writing. Passages carry
// O<owner id> and are written and removed with their owner
// (delete_document(O<owner id>)). A bulk load builds shards without lookups
// and, after merging them, keeps of a work that several files hold the copy
// of the latest file, with that copy's passages; it writes passages to
// shards of their own and merges them last, so that the records of a bulk
// load have the low document ids and their passages one run after them
// (a search of records then skips the passages, and their document lengths,
// in one step).
//
// Facet columns: query/facet_columns.h keeps a copy of the facet value slots
// by document id in <database>/litgraph.facets, tagged with the database's
// UUID and revision and rebuilt when either differs; derived data that
// the indexer refreshes after a run and a reader rebuilds when stale.
//
// Why edges are passage terms rather than records of their own: an edge's
// weight and evidence are then one posting list (termfreq and the passages in
// it), they are replaced with the passage, and a shard or a remote database
// counts them like any other term.
//
// Years are Y<year> terms on works and on passages (their owner's year), so
// that a year range is an OR of terms.
//
// Edges are terms, not a second store (Xapian counts and lists them):
//   mentions     XED/XEC/XER<entity id> (drug, condition, receptor) on the
//                article/work/passage, wdf = mentions;
//                M<entity id> when a MeSH heading of the work names the
//                entity as a major topic, H<entity id> for any MeSH heading
//                or chemical (strong evidence, as opposed to text mentions)
//   cites        C<work id> on the citing article, and on each passage
//                that carries an in-text marker for that work
//   co-occurs    G<type>:<entity a>|<entity b> on a passage naming both (a
//                passage naming no drug counts the drugs of its paragraph's
//                earlier sentences; a chemical named as part of a receptor's
//                name, "N-methyl-D-aspartate (NMDA) receptor", makes no edge),
//                a and b ordered drug < receptor < condition, then by id;
//                type studied_for (drug-condition), acts_on (drug-receptor),
//                implicated_in (receptor-condition); acts_on also gets
//                G<acts_on:antagonist|agonist>:<a>|<b> when the passage
//                says so. An edge's weight is its term frequency (passages),
//                its evidence the passages in its posting list. XGE<entity id>
//                marks each entity that takes part in an edge of the passage
//                (named there or carried from its paragraph), so that an
//                entity's edges are found from one posting list.
//
// Free text is unprefixed: English stems of every word (TermGenerator with
// STEM_ALL; query with the same strategy), title words S-prefixed as well
// (indexer/free_text.h). No positions in Xapian's position table (one
// B-tree entry per word and document, it was 42% of the index and a quarter
// of the time to build it): a record's words in order are its kWordStream
// value instead, 12 to 13 bits a word, and a phrase ("nasal spray",
// treatment-resistant) is the AND of its words checked against that stream
// (query/phrase_check.h). The data of a record keeps the text it was indexed
// from (a work's "title" and "abstract", an article's "title" and "text"),
// for display and for its passages' text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace litgraph::schema::layout {

// Record kinds (the text after K).
inline constexpr std::string_view kArticle = "article";
inline constexpr std::string_view kWork = "work";
inline constexpr std::string_view kPassage = "passage";

// Xapian terms are limited to 245 bytes; a term made from a longer id is
// cut here (equal input still gives equal terms).
inline constexpr std::size_t kTermLimit = 240;

// Boolean and free-text term prefixes.
inline constexpr std::string_view kIdPrefix = "Q";        // unique id
inline constexpr std::string_view kKindPrefix = "K";      // record kind
inline constexpr std::string_view kOwnerPrefix = "O";     // passage -> owner id
inline constexpr std::string_view kTitlePrefix = "S";     // title words (free text)
inline constexpr std::string_view kAuthorPrefix = "A";    // author family name, folded
inline constexpr std::string_view kJournalPrefix = "J";   // journal, folded, whole
inline constexpr std::string_view kDoiPrefix = "XDOI";    // normalized DOI
inline constexpr std::string_view kPmidPrefix = "XPMID";  // PMID
inline constexpr std::string_view kYearPrefix = "Y";      // four-digit year
inline constexpr std::string_view kStudyTypePrefix = "T"; // publication type, folded
inline constexpr std::string_view kSourcePrefix = "XSRC"; // article file, work origin file
// Entities by type; the text after the prefix is the id ("XEDmesh:D007649").
// Any type is the OR of the three.
inline constexpr std::string_view kDrugPrefix = "XED";      // drug
inline constexpr std::string_view kConditionPrefix = "XEC"; // condition
inline constexpr std::string_view kReceptorPrefix = "XER";  // receptor
inline constexpr std::string_view kMeshHeadingPrefix = "H"; // MeSH heading/chemical of a work
inline constexpr std::string_view kMeshMajorPrefix = "M";   // ... marked major topic
inline constexpr std::string_view kCitesPrefix = "C";       // cited work id
inline constexpr std::string_view kEdgePrefix = "G";        // co-occurrence edge
inline constexpr std::string_view kEdgeEntityPrefix = "XGE"; // an entity taking part in an edge

// Value slots.
// Facets read values, not term lists (one value per record per facet is
// much cheaper to read for every match): the entity ids of each type and the
// kind are copied there from the terms. Passages keep their entity values in
// slots of their own, so that a search of articles and works (the default)
// reads value streams without the passages' values in between.
enum Slot : unsigned {  // Xapian::valueno
  kYear = 0,        // sortable_serialise(year); passages carry their owner's (and its Y term)
  kKindSlot = 1,    // the kind (article, work, passage)
  kJournal = 2,     // journal as written (facets); works
  kHash = 3,        // content hash of the input the record was made from; not on passages
  kStudyType = 5,   // publication types joined by '\n' (facets); works
  kConditions = 6,  // condition ids (facet_entity_id) joined by '\n'; articles, works
  kDrugs = 7,       // drug ids, likewise
  kReceptors = 8,   // receptor ids, likewise
  kPassageConditions = 16,  // the same three for passages
  kPassageDrugs = 17,
  kPassageReceptors = 18,
  // A passage's data (the JSON that other records keep as document data,
  // less what its terms say: see the end of this file).
  // Xapian deflates each document's data on its own, and for a sentence
  // zlib's fixed cost per call (resetting its tables, building Huffman
  // trees) was a tenth of a bulk load's CPU time; values are not deflated.
  kPassageData = 19,
  // A record's words in order (indexer/free_text.h): what phrases are
  // checked against, as the index keeps no positions. On every record with
  // free text.
  kWordStream = 20,
};

// An entity id as the facet slots hold it: a MeSH id without "mesh:"
// ("D020918"; most values, and a third of the bytes to read), others whole
// ("litgraph:esketamine").
inline std::string facet_entity_id(std::string_view id) {
  constexpr std::string_view kMesh = "mesh:";
  if (id.substr(0, kMesh.size()) == kMesh) id.remove_prefix(kMesh.size());
  return std::string(id);
}
inline std::string entity_id_from_facet(std::string_view value) {
  if (value.find(':') != std::string_view::npos) return std::string(value);
  return "mesh:" + std::string(value);
}

// Calls `each` with every value of a slot that holds several joined by '\n'
// (entity ids, publication types).
template <typename Each>
void for_each_joined_value(std::string_view joined, Each each) {
  while (true) {
    const std::size_t end = joined.find('\n');
    each(joined.substr(0, end));
    if (end == std::string_view::npos) return;
    joined.remove_prefix(end + 1);
  }
}

// The layout's version, in the database's metadata under kLayoutKey. A
// writer or reader that meets another version stops and says so rather than
// misreading values; the remedy is to index into a new database.
inline constexpr std::string_view kLayoutKey = "litgraph.layout";
inline constexpr std::string_view kLayoutVersion = "5";

// Document data: a JSON object with the fields a result shows (title,
// authors, year, journal, doi, pmid, source; a work's abstract, an
// article's text) and for passages the line and text. A passage keeps its
// JSON in kPassageData and has no document data: its id, kind and owner are
// its Q, K and O terms (unless the id is too long for a term), and its text
// is "begin" and "end", byte offsets in its owner's text (an article's
// text; a work's title, a blank line and its abstract), with each run of
// white space made one space (indexer::passage_text). Its schema is in
// indexer/include/litgraph/indexer/records.h. Readers take it, whole,
// through query::record_data().

}  // namespace litgraph::schema::layout
