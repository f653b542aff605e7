#pragma once
// A minimal fork-join loop for the analyses: each task is a pure function of
// its index, so results never depend on which thread ran which task.
#include <cstddef>
#include <functional>

namespace breakeven::analysis {

// 0 (or less) means hardware concurrency; never less than 1.
int resolveThreads(int threads);

// Runs task(i) for every i in [0, count) on up to `threads` threads (this
// thread included) and returns when all are done. Once a task throws, the
// remaining unstarted tasks are skipped and the first exception is rethrown.
void parallelFor(std::size_t count, int threads, const std::function<void(std::size_t)>& task);

}  // namespace breakeven::analysis
