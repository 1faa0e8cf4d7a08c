#include "litgraph/indexer/database.h"

#include "litgraph/schema/error.h"

namespace litgraph::indexer {

Xapian::WritableDatabase open_writable(const std::filesystem::path& path) {
  try {
    return Xapian::WritableDatabase(path.string(), Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexError::locked(path.string());
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw IndexError::corrupt(path.string(), e.get_msg());
  } catch (const Xapian::Error& e) {
    throw IndexError(path.string() + ": cannot open the index for writing: " + e.get_description());
  }
}

}  // namespace litgraph::indexer
