// Reads a PubMed XML file one record at a time, so that a baseline file of
// 30,000 records (hundreds of MB of XML) is read in memory bounded by its
// largest record, not by the file.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "litgraph/schema/work.h"

namespace litgraph::crawlers {

// A PubmedArticleSet (efetch output, the annual baseline and update files) or
// a legacy MedlineCitationSet, gzip-compressed or plain (told apart by the
// content, not the name). Each record is read as parse_pubmed_xml reads it
// (see pubmed_xml.h), and the works come out in file order; parse_pubmed_xml
// on the whole file gives the same works when the file is well formed.
//
// Unlike parse_pubmed_xml, a damaged record costs only itself (unless its own
// end tag is lost, which takes the next record with it): it is skipped, the
// reason goes to errors(), and the next one is read. Nothing is thrown
// after the constructor. Input that is not PubMed XML (another root element,
// binary data, an empty file) yields no works and one error.
//
// The XML is taken as UTF-8, as NLM writes it. The prolog (declaration,
// DOCTYPE with or without an internal subset, comments) is skipped; inside a
// record only the predefined entities and character references are expanded.
//
// Not thread-safe: use one stream per thread. Movable (a moved-from stream
// may only be assigned to or destroyed), not copyable. Holds the file open
// until the end is reached or the stream is destroyed.
class PubmedStream {
 public:
  // Opens the file. Throws UsageError (schema/error.h, exit code 2) if it
  // does not exist, is a folder, or cannot be opened; the message starts with
  // the path. Reads nothing yet.
  explicit PubmedStream(const std::filesystem::path& file);
  ~PubmedStream();
  PubmedStream(PubmedStream&&) noexcept;
  PubmedStream& operator=(PubmedStream&&) noexcept;
  PubmedStream(const PubmedStream&) = delete;
  PubmedStream& operator=(const PubmedStream&) = delete;

  // The next usable record, or nullopt when the file is done (and ever after).
  // Records without a usable PMID, records that are not well-formed XML and
  // NCBI <ERROR> elements are skipped and reported; DeleteCitation entries
  // are skipped silently.
  std::optional<schema::Work> next();

  // Every problem so far, in file order, one line each, where "byte" is an
  // offset in the decompressed XML and records are counted as
  // parse_pubmed_xml counts them:
  //   "record 17 (byte 123456): no PMID"
  //   "record 18 (byte 130112): XML parse error at byte 130530: Start-end tags mismatch"
  //   "byte 2097152: gzip: unexpected end of file (the file is truncated or damaged); record 40, begun at byte 2090411, is lost"
  //   "record 40 (byte 2090411): the file ends inside this record"
  //   "byte 0: not PubMed XML: the root element is <html>"
  //   "byte 0: not XML: the file starts with neither '<' nor a gzip header"
  //   "the file is empty"
  // A truncated gzip stream or XML document keeps the records before the
  // damage. A record longer than 64 MiB ends the reading with an error.
  const std::vector<std::string>& errors() const;

  // Bytes of the file (compressed, as stored) consumed so far, and the
  // file's size when it was opened: bytes_read() / file_size() is the
  // progress. The XML is read 1 MiB at a time, so bytes_read() runs a little
  // ahead of the records returned; it equals file_size() at the end.
  std::uint64_t bytes_read() const;
  std::uint64_t file_size() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace litgraph::crawlers
