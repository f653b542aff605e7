#pragma once
// The optional response cache in front of every alternative (DESIGN.md
// "Router/cache"). Its decisions depend only on the arrival stream and the
// seed, never on the deployment behind it, so every alternative sees the
// same hits and stays comparable.
//
// hitRatio: a Bernoulli draw per request from the "cache" stream.
// dedup: a request is a hit when a request with the same key was sent to
// the origin (a miss) at t0 with t - t0 <= ttlSeconds; hits do not refresh
// the entry, so a key hot for longer than the TTL misses once per TTL.
// Requests without a key always miss. Memory: one entry per key missed in
// the last TTL (a FIFO of misses evicts the expired ones).
#include <cstdint>
#include <deque>
#include <unordered_map>
#include <utility>

#include "model/core/Rng.h"
#include "model/domain/Request.h"
#include "model/domain/Scenario.h"
#include "model/sim/EventQueue.h"
#include "model/sim/Result.h"

namespace breakeven {

class ResponseCache {
public:
    ResponseCache(const CacheSpec& spec, Rng rng);

    // Called once per arrival, in arrival order: true if the cache answers it.
    bool hit(const Request& request);

    // Adds the hits to `result` (counts, served, latency) and its cache stats.
    void addTo(DeploymentResult& result) const;

    [[nodiscard]] std::uint64_t hits() const { return hits_; }
    [[nodiscard]] std::uint64_t lookups() const { return lookups_; }
    [[nodiscard]] std::size_t entries() const { return lastMiss_.size(); }

private:
    bool dedupHit(const Request& request);

    CacheSpec spec_;
    Rng rng_;
    SimTime ttlMicros_;
    SimTime latencyMicros_;
    std::uint64_t hits_ = 0;
    std::uint64_t lookups_ = 0;
    std::unordered_map<std::uint64_t, SimTime> lastMiss_;  // key -> arrival of its last miss
    std::deque<std::pair<SimTime, std::uint64_t>> misses_;  // (arrival, key), oldest first
};

// Runs a pool or a composite router behind the cache: hits never reach it.
template <class Target>
class CachedTarget {
public:
    CachedTarget(Target& target, ResponseCache& cache) : target_(target), cache_(cache) {}
    void arrive(const Request& request) {
        if (!cache_.hit(request)) target_.arrive(request);
    }
    void handle(const Event& event) { target_.handle(event); }
    void endOfArrivals(SimTime windowEnd) { target_.endOfArrivals(windowEnd); }

private:
    Target& target_;
    ResponseCache& cache_;
};

}  // namespace breakeven
