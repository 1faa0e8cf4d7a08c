#include "litgraph/query/facet_columns.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <unordered_map>

#include "litgraph/schema/index_layout.h"

namespace litgraph::query {

namespace layout = schema::layout;
namespace fs = std::filesystem;

namespace {

// The file: native byte order, every array aligned to four bytes.
//   magic "LGFCOL01", u64 revision, u32 uuid length + bytes,
//   u32 kind count + one byte per document id (FacetColumns::Kind),
//   u32 run count + [first, end) document ids of each long run of passages,
//   u32 column count, then per column: u32 slot, first document id, id
//   count, code count, value count, value byte count; starts (id count + 1),
//   codes, value offsets, value bytes.
constexpr char kMagic[8] = {'L', 'G', 'F', 'C', 'O', 'L', '0', '3'};

struct SlotSpec {
  layout::Slot slot;
  bool several;  // values joined by '\n'
};
constexpr SlotSpec kSlots[] = {
    {layout::kYear, false},        {layout::kJournal, false},
    {layout::kStudyType, true},    {layout::kConditions, true},
    {layout::kDrugs, true},        {layout::kReceptors, true},
    {layout::kPassageConditions, true}, {layout::kPassageDrugs, true},
    {layout::kPassageReceptors, true},
};

class ByteWriter {
 public:
  void u32(std::uint32_t value) { append(&value, sizeof value); }
  void u64(std::uint64_t value) { append(&value, sizeof value); }
  void words(const std::vector<std::uint32_t>& values) {
    append(values.data(), values.size() * sizeof(std::uint32_t));
  }
  void text(std::string_view bytes) {
    append(bytes.data(), bytes.size());
    while (bytes_.size() % 4 != 0) bytes_.push_back('\0');
  }
  std::vector<char> take() { return std::move(bytes_); }

 private:
  void append(const void* data, std::size_t size) {
    const char* from = static_cast<const char*>(data);
    bytes_.insert(bytes_.end(), from, from + size);
  }
  std::vector<char> bytes_;
};

// Reads what ByteWriter wrote; any overrun leaves ok() false.
class ByteReader {
 public:
  ByteReader(const char* data, std::size_t size) : at_(data), left_(size) {}
  bool ok() const { return ok_; }
  const char* raw(std::size_t size) {
    if (!ok_ || size > left_) {
      ok_ = false;
      return nullptr;
    }
    const char* result = at_;
    at_ += size;
    left_ -= size;
    return result;
  }
  std::uint32_t u32() {
    std::uint32_t value = 0;
    if (const char* bytes = raw(sizeof value)) std::memcpy(&value, bytes, sizeof value);
    return value;
  }
  std::uint64_t u64() {
    std::uint64_t value = 0;
    if (const char* bytes = raw(sizeof value)) std::memcpy(&value, bytes, sizeof value);
    return value;
  }
  std::span<const std::uint32_t> words(std::size_t count) {
    if (count > left_ / sizeof(std::uint32_t)) {
      ok_ = false;
      return {};
    }
    const char* bytes = raw(count * sizeof(std::uint32_t));
    return {reinterpret_cast<const std::uint32_t*>(bytes), count};
  }
  std::string_view text(std::size_t size) {
    const char* bytes = raw(size);
    if (bytes == nullptr) return {};
    raw((4 - size % 4) % 4);
    return {bytes, size};
  }

 private:
  const char* at_;
  std::size_t left_;
  bool ok_ = true;
};

constexpr std::string_view kKindNames[] = {"", layout::kArticle, layout::kWork, layout::kPassage};

FacetColumns::Kind kind_code(std::string_view kind) {
  for (std::size_t code = 1; code < std::size(kKindNames); ++code) {
    if (kind == kKindNames[code]) return static_cast<FacetColumns::Kind>(code);
  }
  return FacetColumns::kNone;
}

// Writes `bytes` to `file` through a temporary file and a rename, so that a
// reader sees the old file or the new one, never half of one. Returns false
// (leaving nothing behind) if the folder cannot be written.
bool save(const fs::path& file, const std::vector<char>& bytes) {
  const fs::path temporary = file.string() + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  std::size_t written = 0;
  bool ok = true;
  while (ok && written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    ok = n > 0;
    if (ok) written += static_cast<std::size_t>(n);
  }
  // Durable before it replaces the old file: a crash must not leave a
  // well-named file of zeros.
  ok = ok && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  ok = ok && ::rename(temporary.c_str(), file.c_str()) == 0;
  if (!ok) ::unlink(temporary.c_str());
  return ok;
}

}  // namespace

FacetColumns::~FacetColumns() {
  if (mapping_ != nullptr) ::munmap(mapping_, mapping_size_);
}

Xapian::docid FacetColumns::after_passages(Xapian::docid id) const {
  // Runs are sorted [first, end) pairs: the last run starting at or before id.
  std::size_t low = 0;
  std::size_t high = passage_runs_.size() / 2;
  while (low < high) {
    const std::size_t middle = (low + high) / 2;
    if (passage_runs_[2 * middle] <= id) low = middle + 1;
    else high = middle;
  }
  if (low > 0 && id < passage_runs_[2 * (low - 1) + 1]) return passage_runs_[2 * (low - 1) + 1];
  return id + 1;
}

Xapian::docid FacetColumns::middle_id(bool without_passages) const {
  const std::size_t limit = kinds_.size();
  std::size_t skipped = 0;
  if (without_passages) {
    for (std::size_t r = 0; r + 1 < passage_runs_.size(); r += 2) skipped += passage_runs_[r + 1] - passage_runs_[r];
  }
  // Walk to half of the ids that count, stepping over the runs skipped.
  std::size_t wanted = (limit - skipped) / 2;
  std::size_t id = 1;
  for (std::size_t r = 0; without_passages && r + 1 < passage_runs_.size(); r += 2) {
    const std::size_t before = passage_runs_[r] > id ? passage_runs_[r] - id : 0;
    if (before >= wanted) break;
    wanted -= before;
    id = passage_runs_[r + 1];
  }
  return static_cast<Xapian::docid>(std::min(id + wanted, limit));
}

const FacetColumns::Column* FacetColumns::column(Xapian::valueno slot) const {
  for (const auto& column : columns_) {
    if (column.slot == slot) return &column;
  }
  return nullptr;
}

std::vector<char> FacetColumns::build(const Xapian::Database& database) {
  ByteWriter out;
  out.text(std::string_view(kMagic, sizeof kMagic));
  out.u64(database.get_revision());
  const std::string uuid = database.get_uuid();
  out.u32(static_cast<std::uint32_t>(uuid.size()));
  out.text(uuid);

  std::string kinds(static_cast<std::size_t>(database.get_lastdocid()) + 1, '\0');
  for (auto it = database.valuestream_begin(layout::kKindSlot); it != database.valuestream_end(layout::kKindSlot); ++it) {
    kinds[it.get_docid()] = static_cast<char>(kind_code(*it));
  }
  out.u32(static_cast<std::uint32_t>(kinds.size()));
  out.text(kinds);
  std::vector<std::uint32_t> runs;
  for (std::size_t id = 0; id < kinds.size();) {
    std::size_t end = id;
    while (end < kinds.size() && kinds[end] == static_cast<char>(kPassage)) ++end;
    if (end - id >= kShortestRun) {
      runs.push_back(static_cast<std::uint32_t>(id));
      runs.push_back(static_cast<std::uint32_t>(end));
    }
    id = std::max(end, id + 1);
  }
  out.u32(static_cast<std::uint32_t>(runs.size() / 2));
  out.words(runs);

  out.u32(static_cast<std::uint32_t>(std::size(kSlots)));
  for (const SlotSpec& spec : kSlots) {
    Xapian::docid first = 0;
    Xapian::docid last = 0;
    std::vector<std::uint32_t> starts{0};
    std::vector<std::uint32_t> codes;
    std::unordered_map<std::string, std::uint32_t> dictionary;
    std::vector<std::uint32_t> offsets{0};
    std::string value_bytes;
    auto code_of = [&](std::string_view value) {
      auto [it, added] = dictionary.try_emplace(std::string(value), static_cast<std::uint32_t>(dictionary.size()));
      if (added) {
        value_bytes.append(value);
        offsets.push_back(static_cast<std::uint32_t>(value_bytes.size()));
      }
      return it->second;
    };
    for (auto it = database.valuestream_begin(spec.slot); it != database.valuestream_end(spec.slot); ++it) {
      const Xapian::docid id = it.get_docid();
      if (first == 0) first = last = id;
      // The documents in between have no value: empty ranges.
      for (; last + 1 < id; ++last) starts.push_back(static_cast<std::uint32_t>(codes.size()));
      last = id;
      const std::string value = *it;
      if (spec.several) {
        layout::for_each_joined_value(value, [&](std::string_view one) { codes.push_back(code_of(one)); });
      } else {
        codes.push_back(code_of(value));
      }
      starts.push_back(static_cast<std::uint32_t>(codes.size()));
    }
    out.u32(spec.slot);
    out.u32(first);
    out.u32(static_cast<std::uint32_t>(starts.size() - 1));
    out.u32(static_cast<std::uint32_t>(codes.size()));
    out.u32(static_cast<std::uint32_t>(offsets.size() - 1));
    out.u32(static_cast<std::uint32_t>(value_bytes.size()));
    out.words(starts);
    out.words(codes);
    out.words(offsets);
    out.text(value_bytes);
  }
  return out.take();
}

std::unique_ptr<FacetColumns> FacetColumns::parse(std::vector<char> owned, const char* data, std::size_t size,
                                                  void* mapping) {
  std::unique_ptr<FacetColumns> columns(new FacetColumns());
  columns->owned_ = std::move(owned);
  if (!columns->owned_.empty()) data = columns->owned_.data();

  ByteReader in(data, size);
  const char* magic = in.raw(sizeof kMagic);
  if (magic == nullptr || std::memcmp(magic, kMagic, sizeof kMagic) != 0) return nullptr;
  columns->revision_ = in.u64();
  const std::uint32_t uuid_length = in.u32();
  columns->uuid_ = std::string(in.text(uuid_length));
  const std::uint32_t kind_count = in.u32();
  const std::string_view kinds = in.text(kind_count);
  columns->kinds_ = {reinterpret_cast<const std::uint8_t*>(kinds.data()), kinds.size()};
  const std::uint32_t run_count = in.u32();
  columns->passage_runs_ = in.words(std::size_t{run_count} * 2);
  for (std::size_t k = 0; k < columns->passage_runs_.size(); ++k) {  // ascending, within the ids
    if (columns->passage_runs_[k] > kinds.size() || (k > 0 && columns->passage_runs_[k] < columns->passage_runs_[k - 1])) {
      return nullptr;
    }
  }
  const std::uint32_t column_count = in.u32();
  for (std::uint32_t c = 0; c < column_count && in.ok(); ++c) {
    Column column;
    column.slot = in.u32();
    column.first = in.u32();
    const std::uint32_t id_count = in.u32();
    const std::uint32_t code_count = in.u32();
    const std::uint32_t value_count = in.u32();
    const std::uint32_t byte_count = in.u32();
    column.starts = in.words(std::size_t{id_count} + 1);
    column.codes = in.words(code_count);
    column.value_offsets = in.words(std::size_t{value_count} + 1);
    column.value_bytes = in.text(byte_count);
    if (!in.ok()) break;
    // What counting relies on without checking each read: code ranges end
    // inside the codes, values inside the bytes.
    if (column.starts.front() != 0 || column.starts.back() != code_count ||
        column.value_offsets.front() != 0 || column.value_offsets.back() != byte_count) {
      return nullptr;
    }
    for (std::size_t k = 1; k < column.value_offsets.size(); ++k) {
      if (column.value_offsets[k] < column.value_offsets[k - 1]) return nullptr;
    }
    columns->columns_.push_back(column);
  }
  if (!in.ok()) return nullptr;
  // Only now the mapping's owner: a file found damaged is unmapped once, by
  // the caller.
  columns->mapping_ = mapping;
  columns->mapping_size_ = mapping != nullptr ? size : 0;
  return columns;
}

std::string_view FacetColumns::kind_name(Kind kind) {
  return kind < std::size(kKindNames) ? kKindNames[kind] : std::string_view();
}

std::unique_ptr<FacetColumns> FacetColumns::map_file(const fs::path& file, const std::string& uuid,
                                                     std::uint64_t revision) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat status {};
  if (::fstat(fd, &status) != 0 || status.st_size <= 0) {
    ::close(fd);
    return nullptr;
  }
  const std::size_t size = static_cast<std::size_t>(status.st_size);
  void* mapping = ::mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
  ::close(fd);
  if (mapping == MAP_FAILED) return nullptr;
  auto columns = parse({}, static_cast<const char*>(mapping), size, mapping);
  if (!columns) ::munmap(mapping, size);  // parse() did not take it
  if (columns && (columns->uuid_ != uuid || columns->revision_ != revision)) columns.reset();  // unmaps
  return columns;
}

FacetColumns::Lease::Lease(const FacetColumns& columns) : columns_(columns) {
  if (columns_.own_database_ && columns_.own_database_in_use_.try_lock()) database_ = &*columns_.own_database_;
}

FacetColumns::Lease::~Lease() {
  if (database_ != nullptr) columns_.own_database_in_use_.unlock();
}

std::shared_ptr<const FacetColumns> FacetColumns::open(const Xapian::Database& database, const fs::path& path) {
  std::error_code error;
  if (database.size() != 1 || !fs::is_directory(path, error)) return nullptr;
  const std::string uuid = database.get_uuid();
  const std::uint64_t revision = database.get_revision();
  const fs::path file = path / kFileName;
  std::unique_ptr<FacetColumns> columns = map_file(file, uuid, revision);
  std::optional<Xapian::Database> reopened;
  try {
    reopened.emplace(path.string());
    if (reopened->get_uuid() != uuid || reopened->get_revision() != revision) reopened.reset();
  } catch (const Xapian::Error&) {
    reopened.reset();  // the database moved or went: the columns still serve this reader
  }
  if (!columns) {
    std::vector<char> bytes = build(database);
    // Saved only if no writer has moved on meanwhile (else the next reader
    // would find this older state and build again).
    if (reopened) save(file, bytes);
    const std::size_t size = bytes.size();
    columns = parse(std::move(bytes), nullptr, size, nullptr);
  }
  if (columns) columns->own_database_ = std::move(reopened);
  return columns;
}

bool FacetColumns::update_file(const fs::path& path) {
  const Xapian::Database database(path.string());
  const fs::path file = path / kFileName;
  // What a killed run left (writers hold the index's lock: none is ours).
  std::error_code error;
  const std::string temporary = std::string(kFileName) + ".tmp-";
  for (const auto& entry : fs::directory_iterator(path, error)) {
    if (entry.path().filename().string().rfind(temporary, 0) == 0) fs::remove(entry.path(), error);
  }
  if (map_file(file, database.get_uuid(), database.get_revision())) return false;
  return save(file, build(database));
}

}  // namespace litgraph::query
