#include "gzip_input.h"

#include <isa-l/igzip_lib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace litgraph::crawlers::internal {

namespace {

constexpr std::size_t kInputBuffer = std::size_t{1} << 18;

std::string inflate_error(int status) {
  switch (status) {
    case ISAL_INVALID_WRAPPER:
      return "invalid gzip header";
    case ISAL_UNSUPPORTED_METHOD:
      return "unknown compression method";
    case ISAL_INCORRECT_CHECKSUM:
      return "incorrect data check";
    default:
      return "invalid compressed data";
  }
}

}  // namespace

void GzipInput::StateDelete::operator()(inflate_state* state) const { delete state; }

GzipInput::GzipInput(const std::string& path) : input_(kInputBuffer) {
  errno = 0;
  file_.reset(std::fopen(path.c_str(), "rb"));
  if (!file_) throw std::system_error(errno != 0 ? errno : EIO, std::generic_category(), path);
  state_.reset(new inflate_state);
  isal_inflate_init(state_.get());
  state_->next_in = input_.data();
  state_->avail_in = 0;
  refill();
  compressed_ = state_->avail_in >= 2 && input_[0] == 0x1f && input_[1] == 0x8b;
  state_->crc_flag = ISAL_GZIP;
}

GzipInput::~GzipInput() = default;

std::uint64_t GzipInput::offset() const { return file_read_ - state_->avail_in; }

// Moves what is left of the input to the front and reads more after it;
// false at the end of the file or on a read error.
bool GzipInput::refill() {
  if (end_of_file_) return false;
  const std::size_t left = state_->avail_in;
  if (left > 0 && state_->next_in != input_.data()) std::memmove(input_.data(), state_->next_in, left);
  const std::size_t got = std::fread(input_.data() + left, 1, input_.size() - left, file_.get());
  file_read_ += got;
  state_->next_in = input_.data();
  state_->avail_in = static_cast<std::uint32_t>(left + got);
  if (got == 0) {
    end_of_file_ = true;
    if (std::ferror(file_.get())) fail(std::strerror(errno != 0 ? errno : EIO));
  }
  return got > 0;
}

std::size_t GzipInput::fail(std::string reason) {
  if (error_.empty()) error_ = std::move(reason);
  done_ = true;
  return 0;
}

std::size_t GzipInput::read_plain(char* out, std::size_t size) {
  while (state_->avail_in == 0) {
    if (!refill()) return 0;
  }
  const std::size_t n = std::min<std::size_t>(size, state_->avail_in);
  std::memcpy(out, state_->next_in, n);
  state_->next_in += n;
  state_->avail_in -= static_cast<std::uint32_t>(n);
  return n;
}

// After a member: starts the next one if the input goes on with a gzip
// header, else ends the content.
bool GzipInput::next_member() {
  while (state_->avail_in < 2 && refill()) {
  }
  if (state_->avail_in < 2 || state_->next_in[0] != 0x1f || state_->next_in[1] != 0x8b) return false;
  std::uint8_t* next_in = state_->next_in;
  const std::uint32_t avail_in = state_->avail_in;
  isal_inflate_reset(state_.get());
  state_->crc_flag = ISAL_GZIP;
  state_->next_in = next_in;
  state_->avail_in = avail_in;
  member_done_ = false;
  return true;
}

std::size_t GzipInput::read(char* out, std::size_t size) {
  if (done_ || size == 0) return 0;
  if (!compressed_) {
    const std::size_t n = read_plain(out, size);
    if (n == 0) done_ = true;
    return n;
  }
  for (;;) {
    if (member_done_ && !next_member()) {
      done_ = true;
      return 0;
    }
    if (state_->avail_in == 0 && !refill() && !error_.empty()) return fail(error_);
    state_->next_out = reinterpret_cast<std::uint8_t*>(out);
    state_->avail_out = static_cast<std::uint32_t>(std::min<std::size_t>(size, UINT32_MAX));
    const int status = isal_inflate(state_.get());
    const std::size_t produced = static_cast<std::size_t>(state_->next_out - reinterpret_cast<std::uint8_t*>(out));
    // What came out of a call that found the data damaged is not trusted
    // (zlib's gzread drops it too).
    if (status < 0) return fail(inflate_error(status));
    if (state_->block_state == ISAL_BLOCK_FINISH) member_done_ = true;
    if (produced > 0) return produced;
    if (member_done_) continue;
    // Nothing came out: the inflater wants more input.
    if (state_->avail_in == input_.size()) return fail("invalid compressed data");
    if (!refill()) return fail(error_.empty() ? "unexpected end of file" : error_);
  }
}

}  // namespace litgraph::crawlers::internal
