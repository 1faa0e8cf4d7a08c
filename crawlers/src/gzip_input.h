// Reading PubMed files that may be gzip-compressed.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

struct inflate_state;  // Intel ISA-L's (isa-l/igzip_lib.h)

namespace litgraph::crawlers::internal {

// A file's content: inflated if the file is gzip (one member or several, as
// `cat a.gz b.gz` makes; bytes after the last member that are not another
// one are ignored, as zlib's gzread does), else as it is. Inflates with
// Intel ISA-L, faster than zlib on PubMed XML, where zlib's inflate was
// about 6% of a bulk load's CPU time (bench/README.md).
class GzipInput {
 public:
  // Throws std::system_error if the file cannot be opened.
  explicit GzipInput(const std::string& path);
  ~GzipInput();
  GzipInput(const GzipInput&) = delete;
  GzipInput& operator=(const GzipInput&) = delete;

  // Up to `size` bytes of the content; 0 at its end or after an error.
  std::size_t read(char* out, std::size_t size);

  // Whether the file is gzip, by its first two bytes.
  bool compressed() const { return compressed_; }
  // How many bytes of the file have been consumed.
  std::uint64_t offset() const;
  // Why the content ended early ("unexpected end of file", "invalid
  // compressed data", a read error), or empty.
  const std::string& error() const { return error_; }

 private:
  std::size_t read_plain(char* out, std::size_t size);
  bool refill();
  bool next_member();
  std::size_t fail(std::string reason);

  struct FileClose {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  struct StateDelete {
    void operator()(inflate_state* state) const;
  };
  std::unique_ptr<std::FILE, FileClose> file_;
  std::unique_ptr<inflate_state, StateDelete> state_;
  std::vector<unsigned char> input_;  // file bytes; state_->next_in points into it
  std::uint64_t file_read_ = 0;       // bytes read from the file
  bool compressed_ = false;
  bool end_of_file_ = false;
  bool member_done_ = false;
  bool done_ = false;
  std::string error_;
};

}  // namespace litgraph::crawlers::internal
