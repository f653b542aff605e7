#pragma once
// Future-event set keyed by (time, insertion sequence): simultaneous events
// run in the order they were scheduled, never by address, so a run is a pure
// function of scenario and seed (OMNeT++'s rule). A binary heap over a flat
// vector; events are 24 bytes.
#include <cstdint>
#include <vector>

#include "model/core/SimTime.h"

namespace breakeven {

enum class EventKind : std::uint16_t {
    Completion,  // a request finished on an instance
    ScaleTick,   // the scale-up rate limit allows another instance start
    InstanceTimer,  // an instance's own next step (LLM engine iterations)
};

struct Event {
    SimTime time;
    std::uint64_t seq;
    std::uint32_t instance;
    std::uint16_t pool;
    EventKind kind;
};

class EventQueue {
public:
    // The sequence number the next scheduled event will get. A source that
    // schedules lazily (the arrival stream) takes one with takeSeq().
    std::uint64_t takeSeq() { return nextSeq_++; }

    void push(SimTime time, EventKind kind, std::uint16_t pool, std::uint32_t instance) {
        heap_.push_back(Event{time, nextSeq_++, instance, pool, kind});
        siftUp(heap_.size() - 1);
    }
    [[nodiscard]] bool empty() const { return heap_.empty(); }
    [[nodiscard]] std::size_t size() const { return heap_.size(); }
    [[nodiscard]] const Event& top() const { return heap_.front(); }
    Event pop() {
        Event out = heap_.front();
        const Event last = heap_.back();
        heap_.pop_back();
        if (!heap_.empty()) siftDown(last);
        return out;
    }
    // True if an event at (time, seq) would run before the queue's top.
    [[nodiscard]] bool precedesTop(SimTime time, std::uint64_t seq) const {
        return heap_.empty() || before(time, seq, heap_.front());
    }

private:
    static bool before(SimTime time, std::uint64_t seq, const Event& e) {
        return time < e.time || (time == e.time && seq < e.seq);
    }
    static bool before(const Event& a, const Event& b) { return before(a.time, a.seq, b); }

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
