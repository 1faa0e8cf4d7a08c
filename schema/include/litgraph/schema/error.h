// Errors and exit codes: one hierarchy, each error carrying the exit code the
// program returns for it. Exit codes live here and nowhere else.
#pragma once

#include <stdexcept>
#include <string>

namespace litgraph {

// Documented in `litgraph --help` and the README; keep the three in step.
enum class ExitCode : int {
  kOk = 0,              // everything done
  kPartial = 1,         // done, but some inputs were skipped or failed (see stderr)
  kUsage = 2,           // bad command line, or an input file or folder that cannot be read
  kConfig = 3,          // invalid configuration
  kFetch = 4,           // a service could not be reached or answered with an error
  kParse = 5,           // malformed input data
  kIndex = 6,           // the index could not be opened or written
  kQuery = 7,           // the query could not be understood or run
  kLocked = 8,          // another process holds the data directory's write lock
  kStorage = 9,         // the data directory could not be written (disk full, read-only, …)
  kInterrupted = 130,   // stopped by SIGINT or SIGTERM at a safe point; what was committed stays
  kInternal = 70,       // a bug: an unexpected exception (EX_SOFTWARE)
};

// Text shown in --help and the README for every exit code.
const char* exit_code_table();

class Error : public std::runtime_error {
 public:
  Error(const std::string& message, ExitCode code)
      : std::runtime_error(message), code_(code) {}
  ExitCode exit_code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(message, ExitCode::kUsage) {}
  static UsageError missing_input(const std::string& path, const std::string& why);
};

class ConfigError : public Error {
 public:
  explicit ConfigError(const std::string& message) : Error(message, ExitCode::kConfig) {}
};

class FetchError : public Error {
 public:
  FetchError(const std::string& message, std::string url, int http_status = 0)
      : Error(message, ExitCode::kFetch), url_(std::move(url)), http_status_(http_status) {}
  const std::string& url() const noexcept { return url_; }
  int http_status() const noexcept { return http_status_; }

 private:
  std::string url_;
  int http_status_;
};

// An input problem, reported like a compiler: `source:line: error: message`.
class ParseError : public Error {
 public:
  ParseError(const std::string& source, long line, const std::string& message)
      : Error(source + (line > 0 ? ":" + std::to_string(line) : std::string()) +
                  ": error: " + message,
              ExitCode::kParse),
        source_(source),
        line_(line) {}
  const std::string& source() const noexcept { return source_; }
  long line() const noexcept { return line_; }

 private:
  std::string source_;
  long line_;
};

class IndexError : public Error {
 public:
  explicit IndexError(const std::string& message, ExitCode code = ExitCode::kIndex)
      : Error(message, code) {}
  static IndexError locked(const std::string& path);
  static IndexError corrupt(const std::string& path, const std::string& detail);
};

class StorageError : public Error {
 public:
  explicit StorageError(const std::string& message) : Error(message, ExitCode::kStorage) {}
};

class QueryError : public Error {
 public:
  explicit QueryError(const std::string& message) : Error(message, ExitCode::kQuery) {}
};

}  // namespace litgraph
