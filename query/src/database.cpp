#include "litgraph/query/database.h"

#include "litgraph/schema/error.h"
#include "litgraph/schema/index_layout.h"

namespace litgraph::query {

Xapian::Database open_readable(const std::filesystem::path& path) {
  Xapian::Database database;
  try {
    database = Xapian::Database(path.string());
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw IndexError::corrupt(path.string(), e.get_msg());
  } catch (const Xapian::DatabaseNotFoundError&) {
    throw IndexError(path.string() + ": no index here (build one first)");
  } catch (const Xapian::Error& e) {
    throw IndexError(path.string() + ": cannot open the index: " + e.get_description());
  }
  const std::string layout = database.get_metadata(std::string(schema::layout::kLayoutKey));
  if (layout != schema::layout::kLayoutVersion && database.get_doccount() > 0) {
    throw IndexError(path.string() + ": this index has layout " +
                     (layout.empty() ? std::string("1") : layout) + " and this litgraph reads layout " +
                     std::string(schema::layout::kLayoutVersion) +
                     ": index again into a new database (litgraph index --db)");
  }
  return database;
}

std::string record_data(const Xapian::Document& document) {
  std::string passage = document.get_value(schema::layout::kPassageData);
  return passage.empty() ? document.get_data() : passage;
}

}  // namespace litgraph::query
