#include "model/trace/TraceText.h"

#include <fast_float/fast_float.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <bit>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>

namespace breakeven::trace::detail {

MappedFile::MappedFile(const std::string& path) : path_(path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw TraceError(path, 0, 0, fmt::format("cannot open: {}", std::strerror(errno)));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw TraceError(path, 0, 0, "expected a regular file");
    }
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ > 0) {
        // No MAP_POPULATE: it measured slower here and would fault in a file
        // larger than memory at once; sequential read-ahead is enough.
        void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
        if (p == MAP_FAILED) {
            ::close(fd);
            throw TraceError(path, 0, 0, fmt::format("cannot map: {}", std::strerror(errno)));
        }
        // Readers scan forward once: let the kernel read ahead aggressively.
        ::madvise(p, size_, MADV_SEQUENTIAL);
        data_ = static_cast<const char*>(p);
    }
    ::close(fd);
}

MappedFile::~MappedFile() {
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
}

LineCursor::LineCursor(std::string_view data) : data_(data) {
    if (data_.size() >= 3 && data_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
    scanned_ = maskBase_ = pos_;
}

namespace {

// Bit i set when p[i] == '\n', for i < n ≤ 64.
inline std::uint64_t newlineMask(const char* p, std::size_t n) {
    std::uint64_t m = 0;
#if defined(__SSE2__)
    if (n == 64) {
        const __m128i nl = _mm_set1_epi8('\n');
        for (int k = 0; k < 4; ++k) {
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
            const auto bits = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, nl)));
            m |= static_cast<std::uint64_t>(bits) << (16 * k);
        }
        return m;
    }
#endif
    for (std::size_t i = 0; i < n; ++i)
        if (p[i] == '\n') m |= std::uint64_t{1} << i;
    return m;
}

}  // namespace

// No software prefetch: taking it out measured no slower here (the hardware
// prefetcher follows one forward scan).
bool LineCursor::refill() {
    while (mask_ == 0) {
        if (scanned_ >= data_.size()) return false;
        maskBase_ = scanned_;
        const std::size_t n = std::min<std::size_t>(64, data_.size() - scanned_);
        mask_ = newlineMask(data_.data() + scanned_, n);
        scanned_ += n;
    }
    return true;
}

bool LineCursor::lastLine(std::string_view& line) {
    std::size_t len = data_.size() - pos_;
    const char* begin = data_.data() + pos_;
    pos_ = data_.size();
    if (len > 0 && begin[len - 1] == '\r') --len;
    line = std::string_view(begin, len);
    ++line_;
    return true;
}

bool LineCursor::blankSlow(std::string_view line) {
    for (char c : line)
        if (c != ' ' && c != '\t' && c != '\r') return false;
    return true;
}

bool FieldCursor::next(std::string_view& field) {
    if (done_) return false;
    start_ = pos_;
    if (pos_ < line_.size() && line_[pos_] == '"') {
        std::size_t i = pos_ + 1;
        for (; i < line_.size(); ++i) {
            if (line_[i] != '"') continue;
            if (i + 1 < line_.size() && line_[i + 1] == '"') { ++i; continue; }
            break;
        }
        field = line_.substr(pos_ + 1, (i < line_.size() ? i : line_.size()) - pos_ - 1);
        pos_ = i + 1;  // just past the closing quote; text up to the delimiter is ignored
        const std::size_t d = line_.find(delim_, std::min(pos_, line_.size()));
        if (d == std::string_view::npos) done_ = true; else pos_ = d + 1;
        return true;
    }
    // Fields are short: 8 bytes at a time (SWAR) beats a memchr call per field.
    std::size_t end = pos_;
    if constexpr (std::endian::native == std::endian::little) {
        constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
        const std::uint64_t pattern = kOnes * static_cast<unsigned char>(delim_);
        while (end + 8 <= line_.size()) {
            std::uint64_t word;
            std::memcpy(&word, line_.data() + end, 8);
            const std::uint64_t x = word ^ pattern;  // zero bytes where the delimiter is
            // The lowest set bit marks the first zero byte exactly.
            const std::uint64_t zero = (x - kOnes) & ~x & kHighs;
            if (zero != 0) {
                end += static_cast<std::size_t>(std::countr_zero(zero)) / 8;
                break;
            }
            end += 8;
        }
    }
    while (end < line_.size() && line_[end] != delim_) ++end;
    if (end == line_.size()) {
        field = line_.substr(pos_);
        done_ = true;
        return true;
    }
    field = line_.substr(pos_, end - pos_);
    pos_ = end + 1;
    return true;
}

static std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool parseUint32(std::string_view text, std::uint32_t& out) {
    text = trim(text);
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && p == end && !text.empty();
}

bool parseUint64(std::string_view text, std::uint64_t& out) {
    text = trim(text);
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, out);
    return ec == std::errc() && p == end && !text.empty();
}

NumberStatus parseDouble(std::string_view text, double& out) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    const char* end = text.data() + text.size();
    auto [p, ec] = fast_float::from_chars(text.data(), end, out);
    if (ec != std::errc() || p != end || text.empty()) return NumberStatus::Invalid;
    return std::isfinite(out) ? NumberStatus::Ok : NumberStatus::NonFinite;
}

// Howard Hinnant's days_from_civil: proleptic Gregorian, no time zone database.
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

namespace {

// Reads exactly n digits at text[pos].
bool digits(std::string_view text, std::size_t& pos, int n, int& out) {
    if (pos + static_cast<std::size_t>(n) > text.size()) return false;
    int v = 0;
    for (int i = 0; i < n; ++i) {
        const char c = text[pos++];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

bool fraction(std::string_view text, std::size_t& pos, std::int64_t& micros) {
    if (pos >= text.size() || (text[pos] != '.' && text[pos] != ',')) return true;
    ++pos;
    static constexpr std::int64_t kScale[] = {0, 100000, 10000, 1000, 100, 10, 1};
    std::int64_t v = 0;
    int n = 0;
    const std::size_t first = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        if (n < 6) {  // truncate below 1 µs
            v = v * 10 + (text[pos] - '0');
            ++n;
        }
        ++pos;
    }
    micros = v * kScale[n];
    return pos > first;
}

bool zone(std::string_view text, std::size_t& pos, std::int64_t& offsetMicros) {
    if (pos >= text.size()) return true;
    if (text[pos] == 'Z') { ++pos; return true; }
    if (text[pos] != '+' && text[pos] != '-') return false;
    const int sign = text[pos++] == '-' ? -1 : 1;
    int h = 0, m = 0;
    if (!digits(text, pos, 2, h)) return false;
    if (pos < text.size() && text[pos] == ':') ++pos;
    if (!digits(text, pos, 2, m)) return false;
    offsetMicros = sign * (h * 3600LL + m * 60LL) * 1000000LL;
    return true;
}

bool validDate(int y, int mo, int d, int h, int mi, int s) {
    return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60;
}

std::int64_t toMicros(int y, int mo, int d, int h, int mi, int s) {
    const std::int64_t days = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    return ((days * 24 + h) * 60 + mi) * 60'000'000LL + s * 1'000'000LL;
}

}  // namespace

bool parseIsoDatetime(std::string_view text, std::int64_t& micros) {
    text = trim(text);
    std::size_t p = 0;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!digits(text, p, 4, y) || p >= text.size() || text[p++] != '-') return false;
    if (!digits(text, p, 2, mo) || p >= text.size() || text[p++] != '-') return false;
    if (!digits(text, p, 2, d) || p >= text.size() || (text[p] != ' ' && text[p] != 'T')) return false;
    ++p;
    if (!digits(text, p, 2, h) || p >= text.size() || text[p++] != ':') return false;
    if (!digits(text, p, 2, mi) || p >= text.size() || text[p++] != ':') return false;
    if (!digits(text, p, 2, s)) return false;
    std::int64_t frac = 0, offset = 0;
    if (!fraction(text, p, frac) || !zone(text, p, offset) || p != text.size()) return false;
    if (!validDate(y, mo, d, h, mi, s)) return false;
    micros = toMicros(y, mo, d, h, mi, s) + frac - offset;
    return true;
}

bool parseIsoDatetime(std::string_view text, std::int64_t& micros, IsoDatetimeCache& cache) {
    constexpr std::size_t kPrefix = sizeof cache.prefix;  // "YYYY-MM-DD HH"
    const std::string_view trimmed = trim(text);
    if (cache.valid && trimmed.size() > kPrefix &&
        std::memcmp(trimmed.data(), cache.prefix, kPrefix) == 0 && trimmed[kPrefix] == ':') {
        // The prefix parsed and validated before: only ":MM:SS[.f][zone]" is new.
        std::size_t p = kPrefix + 1;
        int mi = 0, s = 0;
        if (!digits(trimmed, p, 2, mi) || p >= trimmed.size() || trimmed[p++] != ':') return false;
        if (!digits(trimmed, p, 2, s)) return false;
        std::int64_t frac = 0, offset = 0;
        if (!fraction(trimmed, p, frac) || !zone(trimmed, p, offset) || p != trimmed.size()) return false;
        if (mi > 59 || s > 60) return false;
        micros = cache.hourMicros + mi * 60'000'000LL + s * 1'000'000LL + frac - offset;
        return true;
    }
    if (!parseIsoDatetime(trimmed, micros)) return false;
    // A successful parse starts with "YYYY-MM-DD[ T]HH" (digits validated).
    int y = 0, mo = 0, d = 0, h = 0;
    std::size_t p = 0;
    digits(trimmed, p, 4, y);
    p = 5;
    digits(trimmed, p, 2, mo);
    p = 8;
    digits(trimmed, p, 2, d);
    p = 11;
    digits(trimmed, p, 2, h);
    std::memcpy(cache.prefix, trimmed.data(), kPrefix);
    cache.hourMicros = toMicros(y, mo, d, h, 0, 0);
    cache.valid = true;
    return true;
}

std::string expandDatetimeFormat(std::string_view format) {
    std::string out;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] == '%' && i + 1 < format.size() && format[i + 1] == 'F') {
            out += "%Y-%m-%d";
            ++i;
        } else if (format[i] == '%' && i + 1 < format.size() && format[i + 1] == 'T') {
            out += "%H:%M:%S";
            ++i;
        } else {
            out += format[i];
            if (format[i] == '%' && i + 1 < format.size()) out += format[++i];
        }
    }
    return out;
}

bool parseFormattedDatetime(std::string_view text, std::string_view format, std::int64_t& micros) {
    text = trim(text);
    int y = 1970, mo = 1, d = 1, h = 0, mi = 0, s = 0;
    std::int64_t frac = 0, offset = 0;
    std::size_t p = 0;
    for (std::size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 == format.size()) {
            if (p >= text.size() || text[p++] != format[i]) return false;
            continue;
        }
        bool ok = true;
        switch (format[++i]) {
            case 'Y': ok = digits(text, p, 4, y); break;
            case 'm': ok = digits(text, p, 2, mo); break;
            case 'd': ok = digits(text, p, 2, d); break;
            case 'H': ok = digits(text, p, 2, h); break;
            case 'M': ok = digits(text, p, 2, mi); break;
            case 'S': ok = digits(text, p, 2, s) && fraction(text, p, frac); break;
            case 's': {
                double v = 0;
                std::size_t e = p;
                while (e < text.size() && (std::isdigit(static_cast<unsigned char>(text[e])) || text[e] == '.' || text[e] == '-')) ++e;
                if (parseDouble(text.substr(p, e - p), v) != NumberStatus::Ok) return false;
                frac += static_cast<std::int64_t>(std::floor(v * 1e6));
                p = e;
                y = 1970; mo = 1; d = 1;
                break;
            }
            case 'z': ok = zone(text, p, offset); break;
            case '%': ok = p < text.size() && text[p++] == '%'; break;
            default: return false;
        }
        if (!ok) return false;
    }
    if (p != text.size() || !validDate(y, mo, d, h, mi, s)) return false;
    micros = toMicros(y, mo, d, h, mi, s) + frac - offset;
    return true;
}

std::string isoFromMicros(std::int64_t micros) {
    std::int64_t days = micros >= 0 ? micros / 86'400'000'000LL : -((-micros + 86'399'999'999LL) / 86'400'000'000LL);
    std::int64_t rem = micros - days * 86'400'000'000LL;
    // civil_from_days (Hinnant)
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
    const std::int64_t us = rem % 1'000'000, secs = rem / 1'000'000;
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", y, m, d, secs / 3600,
                       secs / 60 % 60, secs % 60, us);
}

std::string describeFound(std::string_view text) {
    if (text.empty()) return "an empty field";
    std::string out = "'";
    for (char c : text.substr(0, 40)) {
        if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\x{:02x}", static_cast<unsigned char>(c));
        else out += c;
    }
    out += text.size() > 40 ? "…'" : "'";
    return out;
}

std::uint64_t mix64(std::uint64_t z) {
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t hashText(std::string_view text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    h = mix64(h);
    return h == 0 ? 1 : h;  // 0 means "no key"
}

void throwRowError(const std::string& file, std::uint64_t line, std::uint64_t column,
                   std::string_view expected, std::string_view found) {
    throw TraceError(file, line, column, fmt::format("expected {}, found {}", expected, found));
}

}  // namespace breakeven::trace::detail
