#pragma once
// Instances with a free slot under packing placement, kept sorted by
// creation order so the newest is at the back. Placement always takes the
// back, and a completing instance is usually among the newest, so the
// insertion scan from the back is short: cheaper than a heap's
// branch-unpredictable sifts on the hottest path of a Lambda-like pool.
#include <cstdint>
#include <vector>

namespace breakeven {

class PackingSet {
public:
    struct Entry {
        std::uint64_t order;
        std::uint32_t id;
    };

    [[nodiscard]] bool empty() const { return entries_.empty(); }
    [[nodiscard]] std::uint32_t top() const { return entries_.back().id; }
    void removeTop() { entries_.pop_back(); }

    void insert(std::uint32_t id, std::uint64_t order) {
        entries_.push_back(Entry{order, id});
        std::size_t i = entries_.size() - 1;
        while (i > 0 && entries_[i - 1].order > order) {
            entries_[i] = entries_[i - 1];
            --i;
        }
        entries_[i] = Entry{order, id};
    }

private:
    std::vector<Entry> entries_;
};

}  // namespace breakeven
