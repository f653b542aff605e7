// MpiSession on Open MPI (built with BREAKEVEN_MPI). A work queue, not a
// static split: rank 0 answers each "ready"/"result" message with the next
// item id, so ranks that drew slow items simply take fewer of them.
#include "app/cli/MpiRunner.h"

#include <mpi.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <iostream>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "app/cli/Args.h"

namespace breakeven::cli {

namespace {

constexpr int kReady = 1;   // worker → 0: empty, first request
constexpr int kResult = 2;  // worker → 0: "ID\nRESULT", and a request for more
constexpr int kError = 3;   // worker → 0: message; rank 0 aborts the run
constexpr int kAssign = 4;  // 0 → worker: an item id, or kStop
constexpr std::uint64_t kStop = UINT64_MAX;

[[noreturn]] void abortRun(std::ostream& err, const std::string& message) {
    err << "breakeven-cli: MPI run failed: " << message << "\nno result printed\n" << std::flush;
    MPI_Abort(MPI_COMM_WORLD, 1);
    std::terminate();  // MPI_Abort does not return
}

void sendText(const std::string& text, int tag) {
    MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, tag, MPI_COMM_WORLD);
}

// Rank 0's shared queue: ids handed out in order to remote ranks and to its own
// worker thread alike.
struct Queue {
    std::size_t count;
    std::vector<std::optional<std::string>> results;
    std::size_t next = 0;
    std::string localError;
    std::mutex mutex;

    std::optional<std::size_t> take() {
        std::lock_guard lock(mutex);
        if (!localError.empty() || next == count) return std::nullopt;
        return next++;
    }
    void store(std::size_t id, std::string text) {
        std::lock_guard lock(mutex);
        results.at(id) = std::move(text);
    }
    std::string error() {
        std::lock_guard lock(mutex);
        return localError;
    }
};

void workLocally(Queue& queue, const std::function<std::string(std::size_t)>& work) {
    while (const auto id = queue.take()) {
        try {
            queue.store(*id, work(*id));
        } catch (const std::exception& e) {
            std::lock_guard lock(queue.mutex);
            queue.localError = fmt::format("rank 0 failed on item {}: {}", *id, e.what());
        }
    }
}

void storeRemote(Queue& queue, const std::string& message, int source, std::ostream& err) {
    const auto newline = message.find('\n');
    std::size_t id = 0;
    try {
        id = std::stoull(message.substr(0, newline));
    } catch (const std::exception&) {
        abortRun(err, fmt::format("rank {} sent a malformed result", source));
    }
    if (newline == std::string::npos || id >= queue.count)
        abortRun(err, fmt::format("rank {} sent a malformed result", source));
    queue.store(id, message.substr(newline + 1));
}

// Rank 0: answer requests until every remote rank has been told to stop.
void serve(Queue& queue, int ranks, std::ostream& err) {
    int active = ranks - 1;
    while (active > 0) {
        if (const std::string e = queue.error(); !e.empty()) abortRun(err, e);
        int ready = 0;
        MPI_Status status;
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &ready, &status);
        if (ready == 0) {  // poll gently: the local worker thread needs this core
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            continue;
        }
        int size = 0;
        MPI_Get_count(&status, MPI_CHAR, &size);
        std::string message(static_cast<std::size_t>(size), '\0');
        MPI_Recv(message.data(), size, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (status.MPI_TAG == kError) abortRun(err, message);
        if (status.MPI_TAG == kResult) storeRemote(queue, message, status.MPI_SOURCE, err);
        const auto id = queue.take();
        const std::uint64_t assign = id ? static_cast<std::uint64_t>(*id) : kStop;
        MPI_Send(&assign, 1, MPI_UINT64_T, status.MPI_SOURCE, kAssign, MPI_COMM_WORLD);
        if (!id) --active;
    }
}

void workRemotely(int rank, const std::function<std::string(std::size_t)>& work) {
    std::string outgoing;
    int tag = kReady;
    for (;;) {
        sendText(outgoing, tag);
        std::uint64_t id = kStop;
        MPI_Recv(&id, 1, MPI_UINT64_T, 0, kAssign, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (id == kStop) return;
        try {
            outgoing = fmt::format("{}\n{}", id, work(static_cast<std::size_t>(id)));
            tag = kResult;
        } catch (const std::exception& e) {
            sendText(fmt::format("rank {} failed on item {}: {}", rank, id, e.what()), kError);
            // Rank 0 aborts every rank; wait for it rather than finalise alone.
            MPI_Recv(&id, 1, MPI_UINT64_T, 0, kAssign, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
            return;
        }
    }
}

}  // namespace

MpiSession::MpiSession() {
    int provided = 0;
    MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
    if (provided < MPI_THREAD_FUNNELED) {
        MPI_Finalize();
        throw std::runtime_error("--mpi: the MPI library cannot run a worker thread beside MPI calls");
    }
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

MpiSession::~MpiSession() { MPI_Finalize(); }

void MpiSession::rootFirst(const std::function<void()>& step) {
    std::string failure;
    std::exception_ptr error;
    if (rank_ == 0) {
        try {
            step();
        } catch (const std::exception& e) {
            failure = *e.what() != 0 ? e.what() : "unknown error";
            error = std::current_exception();
        }
    }
    int size = static_cast<int>(failure.size());
    MPI_Bcast(&size, 1, MPI_INT, 0, MPI_COMM_WORLD);
    failure.resize(static_cast<std::size_t>(size));
    MPI_Bcast(failure.data(), size, MPI_CHAR, 0, MPI_COMM_WORLD);
    if (error) std::rethrow_exception(error);  // its own type and exit code
    if (size > 0) throw std::runtime_error("rank 0 failed: " + failure);
    if (rank_ != 0) step();
}

std::optional<std::vector<std::string>> MpiSession::distribute(std::size_t count,
                                                               const std::function<std::string(std::size_t)>& work,
                                                               std::ostream& err) {
    if (rank_ != 0) {
        workRemotely(rank_, work);
        return std::nullopt;
    }
    Queue queue{count, std::vector<std::optional<std::string>>(count), 0, {}, {}};
    std::thread local([&queue, &work] { workLocally(queue, work); });
    serve(queue, size_, err);
    local.join();
    if (const std::string e = queue.error(); !e.empty()) abortRun(err, e);
    std::vector<std::string> results;
    for (std::size_t id = 0; id < count; ++id) {
        if (!queue.results[id]) abortRun(err, fmt::format("item {} never came back", id));
        results.push_back(std::move(*queue.results[id]));
    }
    return results;
}

}  // namespace breakeven::cli
