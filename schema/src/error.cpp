#include "litgraph/schema/error.h"

namespace litgraph {

const char* exit_code_table() {
  return "  0   success\n"
         "  1   finished, but some inputs were skipped or failed (details on stderr)\n"
         "  2   usage error: unknown command or option, or an input that cannot be read\n"
         "  3   invalid configuration\n"
         "  4   a service could not be reached or answered with an error\n"
         "  5   malformed input data\n"
         "  6   the index could not be opened or written\n"
         "  7   the query could not be understood or run\n"
         "  8   another litgraph process holds the write lock\n"
         "  9   the data directory could not be written (disk full, read-only, permissions)\n"
         " 70   internal error (a bug: please report it)\n"
         "130   stopped by SIGINT or SIGTERM at a safe point (what was committed stays)\n";
}

UsageError UsageError::missing_input(const std::string& path, const std::string& why) {
  return UsageError(path + ": error: " + why);
}

IndexError IndexError::locked(const std::string& path) {
  return IndexError(path + ": the index is locked by another writer (a litgraph index or refresh "
                    "still running; try again later, or give refresh --wait SECONDS)",
                    ExitCode::kLocked);
}

IndexError IndexError::corrupt(const std::string& path, const std::string& detail) {
  return IndexError(path + ": the index is corrupt (" + detail +
                    "); delete it and index again");
}

}  // namespace litgraph
