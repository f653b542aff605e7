// Trace references: identity checks on open (size + SHA-256), relinking
// traces found next to the workspace, and embedded gzip+base64 copies.
#include <zlib.h>

#include <array>
#include <filesystem>
#include <stdexcept>

#include <fmt/format.h>

#include "model/core/Sha256.h"
#include "model/io/AtomicFile.h"
#include "model/io/Workspace.h"

namespace breakeven {

namespace {

namespace fs = std::filesystem;

fs::path workspaceFolder(const Workspace& ws) {
    return fs::absolute(fs::path(ws.path.empty() ? std::string(".") : ws.path)).lexically_normal().parent_path();
}

bool isRegularFile(const fs::path& p) {
    std::error_code ec;
    return fs::is_regular_file(p, ec);
}

void examine(TraceCheck& check, const std::string& file) {
    check.foundPath = file;
    check.actualSizeBytes = static_cast<std::uint64_t>(fs::file_size(file));
    check.actualSha256 = sha256FileHex(file);
}

bool matchesRecord(const TraceCheck& c) {
    return c.actualSha256 == c.recordedSha256 && c.actualSizeBytes == c.recordedSizeBytes;
}

TraceCheck checkOne(const WorkspaceTrace& t, const fs::path& folder) {
    TraceCheck check;
    check.name = t.name;
    check.recordedPath = t.path;
    check.recordedSha256 = t.sha256;
    check.recordedSizeBytes = t.sizeBytes;
    check.embedded = t.embeddedGzipBase64.has_value();
    const fs::path recorded(t.path);
    // Relative paths mean "relative to the workspace", never to the current directory.
    const fs::path expected = recorded.is_absolute() ? recorded : (folder / recorded).lexically_normal();
    check.expectedPath = expected.string();
    if (isRegularFile(expected)) {
        examine(check, expected.string());
        if (!t.sha256) check.status = TraceStatus::Unrecorded;
        else check.status = matchesRecord(check) ? TraceStatus::Ok : TraceStatus::Changed;
        return check;
    }
    // A folder moved or copied with its traces beside the workspace.
    const fs::path beside = folder / recorded.filename();
    if (beside != expected && isRegularFile(beside)) {
        examine(check, beside.string());
        if (!t.sha256) check.status = TraceStatus::Unrecorded;
        else check.status = matchesRecord(check) ? TraceStatus::MovedFound : TraceStatus::Changed;
        return check;
    }
    check.status = TraceStatus::Missing;
    return check;
}

constexpr std::string_view kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64Encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::uint32_t n = static_cast<std::uint8_t>(bytes[i]) << 16;
        if (i + 1 < bytes.size()) n |= static_cast<std::uint32_t>(static_cast<std::uint8_t>(bytes[i + 1])) << 8;
        if (i + 2 < bytes.size()) n |= static_cast<std::uint8_t>(bytes[i + 2]);
        out += kBase64[(n >> 18) & 63];
        out += kBase64[(n >> 12) & 63];
        out += i + 1 < bytes.size() ? kBase64[(n >> 6) & 63] : '=';
        out += i + 2 < bytes.size() ? kBase64[n & 63] : '=';
    }
    return out;
}

std::string base64Decode(std::string_view text, const std::string& what) {
    std::array<int, 256> value{};
    value.fill(-1);
    for (std::size_t i = 0; i < kBase64.size(); ++i) value[static_cast<unsigned char>(kBase64[i])] = static_cast<int>(i);
    if (text.size() % 4 != 0) throw std::runtime_error(what + ": embedded data is not base64 (length)");
    std::string out;
    out.reserve(text.size() / 4 * 3);
    for (std::size_t i = 0; i < text.size(); i += 4) {
        std::uint32_t n = 0;
        int pad = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            const char c = text[i + k];
            const bool padding = c == '=' && i + 4 == text.size() && k >= 2;
            if (!padding && (pad > 0 || value[static_cast<unsigned char>(c)] < 0))
                throw std::runtime_error(fmt::format("{}: embedded data is not base64 (character {})", what, i + k));
            pad += padding ? 1 : 0;
            n = (n << 6) | static_cast<std::uint32_t>(padding ? 0 : value[static_cast<unsigned char>(c)]);
        }
        out += static_cast<char>((n >> 16) & 0xFF);
        if (pad < 2) out += static_cast<char>((n >> 8) & 0xFF);
        if (pad < 1) out += static_cast<char>(n & 0xFF);
    }
    return out;
}

// windowBits 15 + 16 selects the gzip wrapper: `base64 -d | gunzip` reads it.
constexpr int kGzipWindowBits = 15 + 16;

std::string gzip(std::string_view bytes) {
    // One deflate call takes a 32-bit length; a trace that large has no business inside JSON.
    if (bytes.size() > (std::size_t{1} << 30)) throw std::runtime_error("a trace over 1 GiB cannot be embedded");
    z_stream z{};
    if (deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, kGzipWindowBits, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib: cannot start compression");
    std::string out(deflateBound(&z, static_cast<uLong>(bytes.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error("zlib: compression failed");
    return out;
}

std::string gunzip(std::string_view bytes, const std::string& what) {
    z_stream z{};
    if (inflateInit2(&z, kGzipWindowBits) != Z_OK) throw std::runtime_error("zlib: cannot start decompression");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    z.avail_in = static_cast<uInt>(bytes.size());
    std::string out;
    std::array<char, 1 << 16> chunk{};
    int rc = Z_OK;
    while (rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef*>(chunk.data());
        z.avail_out = static_cast<uInt>(chunk.size());
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(chunk.data(), chunk.size() - z.avail_out);
    }
    inflateEnd(&z);
    if (rc != Z_STREAM_END) throw std::runtime_error(what + ": embedded data is not a complete gzip stream");
    return out;
}

}  // namespace

std::string_view toString(TraceStatus status) {
    switch (status) {
    case TraceStatus::Ok: return "ok";
    case TraceStatus::Missing: return "missing";
    case TraceStatus::Changed: return "changed";
    case TraceStatus::MovedFound: return "moved-found";
    case TraceStatus::Unrecorded: return "unrecorded";
    }
    return "?";
}

std::vector<TraceCheck> checkTraces(const Workspace& ws) {
    const fs::path folder = workspaceFolder(ws);
    std::vector<TraceCheck> checks;
    checks.reserve(ws.traces.size());
    for (const auto& t : ws.traces) checks.push_back(checkOne(t, folder));
    return checks;
}

void relinkMovedTraces(Workspace& ws, const std::vector<TraceCheck>& checks) {
    for (const auto& check : checks) {
        if (check.status != TraceStatus::MovedFound) continue;
        for (auto& s : ws.scenarios) {
            auto& trace = s.scenario.workload.trace;
            if (!trace || fs::path(trace->resolvedPath).lexically_normal() != fs::path(check.expectedPath)) continue;
            auto moved = std::make_shared<TraceWorkload>(*trace);
            moved->resolvedPath = check.foundPath;
            trace = std::move(moved);
        }
    }
}

int recordTraceIdentities(Workspace& ws, const std::vector<TraceCheck>& checks) {
    int recorded = 0;
    for (const auto& check : checks) {
        if (check.status != TraceStatus::Unrecorded) continue;
        for (auto& t : ws.traces) {
            if (t.name != check.name) continue;
            t.sha256 = check.actualSha256;
            t.sizeBytes = check.actualSizeBytes;
            ++recorded;
        }
    }
    return recorded;
}

WorkspaceTrace describeTraceFile(std::string name, const std::string& file, const std::string& workspacePath,
                                 bool embed) {
    const fs::path absolute = fs::absolute(fs::path(file)).lexically_normal();
    const fs::path folder = fs::absolute(fs::path(workspacePath)).lexically_normal().parent_path();
    WorkspaceTrace t;
    t.name = std::move(name);
    t.path = absolute.lexically_relative(folder).generic_string();
    if (t.path.empty()) t.path = absolute.string();  // another root: only an absolute path can name it
    t.sizeBytes = static_cast<std::uint64_t>(fs::file_size(absolute));
    t.sha256 = sha256FileHex(absolute.string());
    if (embed) t.embeddedGzipBase64 = base64Encode(gzip(readWholeFile(absolute.string())));
    return t;
}

void extractEmbeddedTrace(const WorkspaceTrace& trace, const std::string& destination) {
    const std::string what = "trace \"" + trace.name + "\"";
    if (!trace.embeddedGzipBase64) throw std::runtime_error(what + " has no embedded copy");
    const std::string bytes = gunzip(base64Decode(*trace.embeddedGzipBase64, what), what);
    if ((trace.sizeBytes && bytes.size() != *trace.sizeBytes) || (trace.sha256 && Sha256::hex(bytes) != *trace.sha256))
        throw std::runtime_error(what + ": the embedded copy does not match the recorded size and SHA-256");
    writeFileAtomically(destination, bytes);
}

}  // namespace breakeven
