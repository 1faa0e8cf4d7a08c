#include "litgraph/query/database.h"

#include "litgraph/schema/error.h"

namespace litgraph::query {

Xapian::Database open_readable(const std::filesystem::path& path) {
  try {
    return Xapian::Database(path.string());
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw IndexError::corrupt(path.string(), e.get_msg());
  } catch (const Xapian::DatabaseNotFoundError&) {
    throw IndexError(path.string() + ": no index here (build one first)");
  } catch (const Xapian::Error& e) {
    throw IndexError(path.string() + ": cannot open the index: " + e.get_description());
  }
}

}  // namespace litgraph::query
