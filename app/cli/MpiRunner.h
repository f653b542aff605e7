#pragma once
// Work items over MPI ranks (`mpirun -np N breakeven-cli sweep … --mpi`,
// docs/scale-out.md). The only place that knows MPI: this header has no
// mpi.h, MpiRunner.cpp is built with BREAKEVEN_MPI, MpiRunnerStub.cpp without.
//
// Rank 0 hands out item ids one at a time to whichever rank asks (a slow item
// never stalls a fixed share), works through items itself on a second
// thread, and collects every result. Any failure — an item throwing on any
// rank, a rank dying — ends the whole run with a message and a non-zero exit
// (MPI_Abort, or mpirun noticing the dead rank); rank 0 prints nothing
// until it holds every item.
#include <cstddef>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace breakeven::cli {

class MpiSession {
public:
    // MPI_Init; throws UsageError when breakeven-cli was built without MPI.
    MpiSession();
    ~MpiSession();  // MPI_Finalize
    MpiSession(const MpiSession&) = delete;
    MpiSession& operator=(const MpiSession&) = delete;

    [[nodiscard]] int rank() const { return rank_; }
    [[nodiscard]] int size() const { return size_; }

    // Rank 0 runs `step` first (creating the catalogue once, say), then the
    // others; if it fails on rank 0, it fails on every rank with its message.
    void rootFirst(const std::function<void()>& step);

    // Items 0 … count−1, each `work(id)` on some rank (a serialised result).
    // Rank 0: every result, by id. Other ranks: nullopt once the queue is empty.
    std::optional<std::vector<std::string>> distribute(std::size_t count,
                                                       const std::function<std::string(std::size_t)>& work,
                                                       std::ostream& err);

private:
    int rank_ = 0;
    int size_ = 1;
};

}  // namespace breakeven::cli
