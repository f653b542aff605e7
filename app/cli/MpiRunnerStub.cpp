// MpiSession for builds without BREAKEVEN_MPI: --mpi is refused up front.
#include "app/cli/Args.h"
#include "app/cli/MpiRunner.h"

namespace breakeven::cli {

MpiSession::MpiSession() {
    throw UsageError("--mpi: this breakeven-cli was built without MPI (configure with -DBREAKEVEN_MPI=ON and "
                     "libopenmpi-dev installed); use --shard I/N and merge instead");
}

MpiSession::~MpiSession() = default;

void MpiSession::rootFirst(const std::function<void()>& step) { step(); }

std::optional<std::vector<std::string>> MpiSession::distribute(std::size_t count,
                                                               const std::function<std::string(std::size_t)>& work,
                                                               std::ostream&) {
    std::vector<std::string> results;
    for (std::size_t id = 0; id < count; ++id) results.push_back(work(id));
    return results;
}

}  // namespace breakeven::cli
