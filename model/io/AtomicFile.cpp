#include "model/io/AtomicFile.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <system_error>

#include <fmt/format.h>

namespace breakeven {

namespace {

namespace fs = std::filesystem;

// Saving through a link must update the file it points to, not replace the link.
std::string followLinks(const std::string& path) {
    std::error_code ec;
    const fs::path resolved = fs::weakly_canonical(fs::path(path), ec);
    return ec ? path : resolved.string();
}

std::string folderOf(const std::string& path) {
    const fs::path parent = fs::path(path).parent_path();
    return parent.empty() ? std::string(".") : parent.string();
}

// Unique within the process (counter) and across processes (pid); O_EXCL
// catches the rest.
std::string temporaryName(const std::string& target, unsigned attempt) {
    static std::atomic<unsigned> counter{0};
    const fs::path p(target);
    const std::string name =
        fmt::format(".{}.{}-{}-{}.tmp", p.filename().string(), static_cast<long>(::getpid()),
                    counter.fetch_add(1), attempt);
    return (p.parent_path() / name).string();
}

void syncFolder(const std::string& folder) {
    const int dir = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) throw std::system_error(errno, std::generic_category(), folder + ": cannot open folder");
    // Makes the rename itself durable: without it a power cut can bring the old name back.
    const int rc = ::fsync(dir);
    const int error = errno;
    ::close(dir);
    if (rc != 0 && error != EINVAL) {  // some file systems cannot sync folders
        throw std::system_error(error, std::generic_category(), folder + ": cannot sync folder");
    }
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(const std::string& path) : target_(followLinks(path)) {
    for (unsigned attempt = 0; fd_ < 0; ++attempt) {
        tempPath_ = temporaryName(target_, attempt);
        // 0666 minus the umask: the same permissions a plain new file gets.
        fd_ = ::open(tempPath_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd_ < 0 && (errno != EEXIST || attempt > 100)) {
            const int error = errno;
            tempPath_.clear();
            throw std::system_error(error, std::generic_category(),
                                    target_ + ": cannot create a temporary file beside it");
        }
    }
}

AtomicFileWriter::~AtomicFileWriter() { discard(); }

void AtomicFileWriter::discard() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!tempPath_.empty()) ::unlink(tempPath_.c_str());
    tempPath_.clear();
}

void AtomicFileWriter::failAndDiscard(const std::string& what, int error) {
    discard();
    throw std::system_error(error, std::generic_category(), target_ + ": " + what);
}

void AtomicFileWriter::write(std::string_view data) {
    if (fd_ < 0) throw std::logic_error("AtomicFileWriter::write after commit or discard");
    while (!data.empty()) {
        const ssize_t n = ::write(fd_, data.data(), data.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) failAndDiscard("cannot write", errno);
        data.remove_prefix(static_cast<std::size_t>(n));
    }
}

void AtomicFileWriter::commit() {
    if (fd_ < 0) throw std::logic_error("AtomicFileWriter::commit after commit or discard");
    struct stat existing {};
    if (::stat(target_.c_str(), &existing) == 0 && S_ISREG(existing.st_mode)) {
        if (::fchmod(fd_, existing.st_mode & 07777) != 0) failAndDiscard("cannot copy permissions", errno);
    }
    // The data must be on disk before the rename makes it visible under the real name.
    if (::fsync(fd_) != 0) failAndDiscard("cannot sync", errno);
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) failAndDiscard("cannot close", errno);
    if (::rename(tempPath_.c_str(), target_.c_str()) != 0) failAndDiscard("cannot replace", errno);
    tempPath_.clear();
    syncFolder(folderOf(target_));
}

void writeFileAtomically(const std::string& path, std::string_view contents) {
    AtomicFileWriter writer(path);
    writer.write(contents);
    writer.commit();
}

std::string readWholeFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw std::system_error(errno, std::generic_category(), path);
    std::string text;
    char buffer[1 << 16];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            const int error = errno;
            ::close(fd);
            throw std::system_error(error, std::generic_category(), path);
        }
        if (n == 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(fd);
    return text;
}

}  // namespace breakeven
