#include "litgraph/indexer/database.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "litgraph/schema/error.h"

namespace litgraph::indexer {

Xapian::WritableDatabase open_writable(const std::filesystem::path& path, bool scratch) {
  const int flags =
      Xapian::DB_CREATE_OR_OPEN | (scratch ? Xapian::DB_NO_SYNC | Xapian::DB_DANGEROUS : 0);
  // Xapian's lock is held by a helper process it forks; after a writer is
  // killed, that helper lets go a moment later. Retry briefly before saying
  // "locked" (litgraph's own RunLock already keeps its writers apart).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  try {
    while (true) {
      try {
        return Xapian::WritableDatabase(path.string(), flags);
      } catch (const Xapian::DatabaseLockError&) {
        if (std::chrono::steady_clock::now() >= deadline) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
  } catch (const Xapian::DatabaseLockError&) {
    throw IndexError::locked(path.string());
  } catch (const Xapian::DatabaseCorruptError& e) {
    throw IndexError::corrupt(path.string(), e.get_msg());
  } catch (const Xapian::Error& e) {
    throw IndexError(path.string() + ": cannot open the index for writing: " + e.get_description());
  }
}

RunLock::RunLock(const std::filesystem::path& database, std::chrono::seconds wait) {
  const std::string path = database.string() + ".lock";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) {
    throw IndexError(path + ": cannot create the lock file: " + std::strerror(errno));
  }
  const auto deadline = std::chrono::steady_clock::now() + wait;
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    int error = errno;
    if (error == EWOULDBLOCK && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
      continue;
    }
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK) throw IndexError::locked(database.string());
    throw IndexError(path + ": cannot lock: " + std::strerror(error));
  }
}

RunLock::~RunLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace litgraph::indexer
