#pragma once
// Crash-safe file replacement without Qt (QSaveFile's discipline): write a
// temporary file in the target's folder, fsync it, rename it over the target,
// fsync the folder. Until commit() renames, the target is untouched; a writer
// killed mid-way leaves at most a stale ".NAME.*.tmp" beside it.
#include <string>
#include <string_view>

namespace breakeven {

class AtomicFileWriter {
public:
    // Creates the temporary file; throws std::runtime_error naming the path.
    // A symbolic link as target is followed (the link itself stays).
    explicit AtomicFileWriter(const std::string& path);
    // Without a successful commit() the temporary file is removed.
    ~AtomicFileWriter();
    AtomicFileWriter(const AtomicFileWriter&) = delete;
    AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

    void write(std::string_view data);
    // fsync, rename over the target (keeping an existing target's permission
    // bits), fsync the folder. Throws on any failure; every failure before the
    // rename leaves the target's old content (only a failed folder sync comes
    // after it, and then the new content is already in place).
    void commit();
    // Removes the temporary file; the target is left as it was.
    void discard() noexcept;

    [[nodiscard]] const std::string& temporaryPath() const { return tempPath_; }
    [[nodiscard]] const std::string& targetPath() const { return target_; }

private:
    [[noreturn]] void failAndDiscard(const std::string& what, int error);

    std::string target_;
    std::string tempPath_;
    int fd_ = -1;
};

// The whole file at once.
void writeFileAtomically(const std::string& path, std::string_view contents);

// Reads a whole file; throws std::system_error (what() starts with the path).
std::string readWholeFile(const std::string& path);

}  // namespace breakeven
