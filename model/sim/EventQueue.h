#pragma once
// Future-event set keyed by (time, insertion sequence): simultaneous events
// run in the order they were scheduled, never by address, so a run is a pure
// function of scenario and seed (OMNeT++'s rule). A binary heap of 16-byte
// events: the sequence number sits in the top bits of the tag, so comparing
// (time, tag) compares (time, sequence) in one 128-bit comparison.
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "model/core/SimTime.h"
#include "model/domain/Deployment.h"

namespace breakeven {

enum class EventKind : std::uint8_t {
    Completion = 0,     // a request finished on an instance
    ScaleTick = 1,      // the scale-up rate limit allows another instance start
    InstanceTimer = 2,  // an instance's own next step (LLM engine iterations)
};

struct Event {
    SimTime time;
    std::uint64_t tag;  // seq:40 | instance:18 | pool:4 | kind:2

    static constexpr int kInstanceBits = 18;
    static constexpr int kPoolBits = 4;
    static constexpr std::uint32_t kMaxInstances = 1u << kInstanceBits;
    static constexpr std::uint32_t kMaxPools = 1u << kPoolBits;
    static constexpr std::uint64_t kMaxSeq = std::uint64_t{1} << 40;

    [[nodiscard]] EventKind kind() const { return static_cast<EventKind>(tag & 3u); }
    [[nodiscard]] std::uint32_t pool() const { return static_cast<std::uint32_t>(tag >> 2) & (kMaxPools - 1); }
    [[nodiscard]] std::uint32_t instance() const {
        return static_cast<std::uint32_t>(tag >> (2 + kPoolBits)) & (kMaxInstances - 1);
    }
    [[nodiscard]] std::uint64_t seq() const { return tag >> (2 + kPoolBits + kInstanceBits); }
};

static_assert(DeploymentSpec::kMaxInstances <= static_cast<int>(Event::kMaxInstances));

class EventQueue {
public:
    // The sequence number the next scheduled event will get. A source that
    // schedules lazily (the arrival stream) takes one with takeSeq().
    std::uint64_t takeSeq() { return nextSeq_++; }

    void push(SimTime time, EventKind kind, std::uint32_t pool, std::uint32_t instance) {
        if (nextSeq_ >= Event::kMaxSeq) throw std::runtime_error("too many events in one run");
        const std::uint64_t tag = (nextSeq_++ << (2 + Event::kPoolBits + Event::kInstanceBits)) |
                                  (std::uint64_t{instance} << (2 + Event::kPoolBits)) |
                                  (std::uint64_t{pool} << 2) | static_cast<std::uint64_t>(kind);
        heap_.push_back(Event{time, tag});
        siftUp(heap_.size() - 1);
    }
    [[nodiscard]] bool empty() const { return heap_.empty(); }
    [[nodiscard]] std::size_t size() const { return heap_.size(); }
    [[nodiscard]] const Event& top() const { return heap_.front(); }
    Event pop() {
        const Event out = heap_.front();
        const Event last = heap_.back();
        heap_.pop_back();
        if (!heap_.empty()) siftDown(last);
        return out;
    }
    // True if an event at (time, seq) would run before the queue's top.
    [[nodiscard]] bool precedesTop(SimTime time, std::uint64_t seq) const {
        if (heap_.empty()) return true;
        const Event& top = heap_.front();
        return time < top.time || (time == top.time && seq < top.seq());
    }

private:
    static bool before(const Event& a, const Event& b) {
        __extension__ using Key = unsigned __int128;  // time >= 0, so unsigned order holds
        const Key ka = (static_cast<Key>(static_cast<std::uint64_t>(a.time)) << 64) | a.tag;
        const Key kb = (static_cast<Key>(static_cast<std::uint64_t>(b.time)) << 64) | b.tag;
        return ka < kb;
    }

    void siftUp(std::size_t i) {
        const Event e = heap_[i];
        while (i > 0) {
            const std::size_t parent = (i - 1) / 2;
            if (!before(e, heap_[parent])) break;
            heap_[i] = heap_[parent];
            i = parent;
        }
        heap_[i] = e;
    }
    // Places `e` (the former last element) starting from the root.
    void siftDown(const Event& e) {
        const std::size_t n = heap_.size();
        std::size_t i = 0;
        for (;;) {
            std::size_t child = 2 * i + 1;
            if (child >= n) break;
            if (child + 1 < n && before(heap_[child + 1], heap_[child])) ++child;
            if (!before(heap_[child], e)) break;
            heap_[i] = heap_[child];
            i = child;
        }
        heap_[i] = e;
    }

    std::vector<Event> heap_;
    std::uint64_t nextSeq_ = 0;
};

}  // namespace breakeven
