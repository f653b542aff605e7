#pragma once
// Low-level text helpers shared by the trace readers: a read-only memory map,
// a line cursor (BOM, CRLF/LF, no final newline), a delimited-field cursor and
// allocation-free number / datetime parsers. Internal to model/trace.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/trace/TraceReader.h"

namespace breakeven::trace::detail {

// Read-only mapping of a whole file. Empty files map to an empty view
// (mmap of length 0 is an error, so they are never mapped).
class MappedFile {
public:
    explicit MappedFile(const std::string& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    [[nodiscard]] std::string_view data() const { return {data_, size_}; }
    [[nodiscard]] const std::string& path() const { return path_; }

private:
    std::string path_;
    const char* data_ = nullptr;
    std::size_t size_ = 0;
};

// Splits a buffer into lines; a UTF-8 BOM at the start is dropped, "\r\n" and
// "\n" both end a line, and a last line without a newline still counts.
// next() is inline: it runs once per row of every reader.
class LineCursor {
public:
    explicit LineCursor(std::string_view data);
    bool next(std::string_view& line) {
        if (pos_ >= data_.size()) return false;
        // Lines are consumed in order, so the lowest pending newline always
        // ends the line that starts at pos_.
        if (mask_ == 0 && !refill()) return lastLine(line);
        const std::size_t nl = maskBase_ + static_cast<std::size_t>(std::countr_zero(mask_));
        mask_ &= mask_ - 1;
        const char* begin = data_.data() + pos_;
        std::size_t len = nl - pos_;
        pos_ = nl + 1;
        if (len > 0 && begin[len - 1] == '\r') --len;
        line = std::string_view(begin, len);
        ++line_;
        return true;
    }
    [[nodiscard]] std::uint64_t lineNumber() const { return line_; }  // of the last line
    [[nodiscard]] std::size_t offset() const { return pos_; }
    [[nodiscard]] std::size_t size() const { return data_.size(); }
    // Lines that are empty or only blanks are skipped by the readers.
    static bool blank(std::string_view line) {
        // Fast exit: data lines start with a visible character.
        if (!line.empty() && line.front() != ' ' && line.front() != '\t' && line.front() != '\r') return false;
        return blankSlow(line);
    }

private:
    bool refill();                         // false: no newline left
    bool lastLine(std::string_view& line); // the rest, which has no newline
    static bool blankSlow(std::string_view line);

    std::string_view data_;
    std::size_t pos_ = 0;
    std::uint64_t line_ = 0;
    // Newlines are located 64 bytes at a time: mask_ holds the not yet
    // consumed '\n' positions of the block at maskBase_; scanned_ is the end
    // of the scanned region.
    std::size_t scanned_ = 0, maskBase_ = 0;
    std::uint64_t mask_ = 0;
};

// Fields of one delimited line. Double-quoted fields may contain the
// delimiter; the view returned is the text between the quotes (doubled quotes
// are left as they are: keys and filters compare raw text).
class FieldCursor {
public:
    FieldCursor(std::string_view line, char delimiter) : line_(line), delim_(delimiter) {}
    bool next(std::string_view& field);
    // 1-based byte column where the last returned field starts.
    [[nodiscard]] std::uint64_t column() const { return start_ + 1; }
    [[nodiscard]] std::uint64_t endColumn() const { return line_.size() + 1; }

private:
    std::string_view line_;
    char delim_;
    std::size_t pos_ = 0, start_ = 0;
    bool done_ = false;
};

enum class NumberStatus { Ok, Invalid, NonFinite };

bool parseUint32(std::string_view text, std::uint32_t& out);
bool parseUint64(std::string_view text, std::uint64_t& out);
NumberStatus parseDouble(std::string_view text, double& out);

// "YYYY-MM-DD[ T]HH:MM:SS[.f…][Z|±HH[:]MM]" → microseconds since the Unix
// epoch, UTC when no zone is given; fractions beyond 1 µs are truncated.
bool parseIsoDatetime(std::string_view text, std::int64_t& micros);
// Same result as parseIsoDatetime; consecutive values that share the
// "YYYY-MM-DD HH" prefix reuse the date computation of the previous one.
struct IsoDatetimeCache {
    char prefix[13] = {};
    std::int64_t hourMicros = 0;  // the prefix's hour in µs since the epoch
    bool valid = false;
};
bool parseIsoDatetime(std::string_view text, std::int64_t& micros, IsoDatetimeCache& cache);
// strftime-like subset: %Y %m %d %H %M %S (optional .fraction) %s %z %%; the
// format must first go through expandDatetimeFormat (which rewrites %F, %T).
std::string expandDatetimeFormat(std::string_view format);
bool parseFormattedDatetime(std::string_view text, std::string_view format,
                            std::int64_t& micros);
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d);
std::string isoFromMicros(std::int64_t micros);  // "2023-11-16T18:15:46.680590Z"

// The "found …" part of a message: the text quoted and shortened.
std::string describeFound(std::string_view text);
std::uint64_t hashText(std::string_view text);  // FNV-1a then mixed; never 0
std::uint64_t mix64(std::uint64_t z);

[[noreturn]] void throwRowError(const std::string& file, std::uint64_t line,
                                std::uint64_t column, std::string_view expected,
                                std::string_view found);

}  // namespace breakeven::trace::detail
