#include "model/sim/Cache.h"

namespace breakeven {

ResponseCache::ResponseCache(const CacheSpec& spec, Rng rng)
    : spec_(spec),
      rng_(rng),
      ttlMicros_(secondsToSimTime(spec.ttlSeconds)),
      latencyMicros_(secondsToSimTime(spec.cacheLatencySeconds)) {}

bool ResponseCache::hit(const Request& request) {
    ++lookups_;
    const bool isHit =
        spec_.mode == CacheMode::HitRatio ? rng_.uniform01() < spec_.hitRatio : dedupHit(request);
    if (isHit) ++hits_;
    return isHit;
}

bool ResponseCache::dedupHit(const Request& request) {
    const SimTime now = request.arrivalMicros;
    // Expired entries first: what is left was missed within the TTL.
    while (!misses_.empty() && now - misses_.front().first > ttlMicros_) {
        const auto [at, key] = misses_.front();
        misses_.pop_front();
        const auto it = lastMiss_.find(key);
        if (it != lastMiss_.end() && it->second == at) lastMiss_.erase(it);
    }
    if (request.key == 0) return false;  // no key: nothing to match
    if (lastMiss_.contains(request.key)) return true;
    lastMiss_.emplace(request.key, now);
    misses_.emplace_back(now, request.key);
    return false;
}

void ResponseCache::addTo(DeploymentResult& result) const {
    // A hit is a served request of the alternative (it is answered), with
    // the cache's latency in the percentiles; it never reaches the ledger.
    result.requests += hits_;
    result.served += hits_;
    result.latency.recordMany(latencyMicros_, hits_);
    CacheStats stats;
    stats.hits = hits_;
    stats.lookups = lookups_;
    stats.latencySeconds = spec_.cacheLatencySeconds;
    stats.usdPerHour = spec_.usdPerHour;
    result.cache = stats;
}

}  // namespace breakeven
