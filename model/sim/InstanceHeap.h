#pragma once
// Max-heap of instance ids by a 64-bit placement key, with each id's
// position tracked so a key can change in place (least-loaded placement
// changes the key of the chosen instance on every placement and completion).
#include <cstdint>
#include <vector>

namespace breakeven {

class InstanceHeap {
public:
    static constexpr std::uint32_t kAbsent = 0xffffffffu;

    [[nodiscard]] bool empty() const { return heap_.empty(); }
    [[nodiscard]] std::size_t size() const { return heap_.size(); }
    [[nodiscard]] std::uint32_t top() const { return heap_.front().id; }
    [[nodiscard]] bool contains(std::uint32_t id) const {
        return id < pos_.size() && pos_[id] != kAbsent;
    }

    void insert(std::uint32_t id, std::uint64_t key) {
        if (id >= pos_.size()) pos_.resize(id + 1, kAbsent);
        heap_.push_back(Node{key, id});
        siftUp(static_cast<std::uint32_t>(heap_.size() - 1));
    }
    void removeTop() { removeAt(0); }
    void remove(std::uint32_t id) { removeAt(pos_[id]); }
    void update(std::uint32_t id, std::uint64_t key) {
        const std::uint32_t i = pos_[id];
        const std::uint64_t old = heap_[i].key;
        heap_[i].key = key;
        if (key > old) siftUp(i); else siftDown(i);
    }

private:
    struct Node {
        std::uint64_t key;
        std::uint32_t id;
    };

    void removeAt(std::uint32_t i) {
        pos_[heap_[i].id] = kAbsent;
        const Node last = heap_.back();
        heap_.pop_back();
        if (i == heap_.size()) return;
        heap_[i] = last;
        pos_[last.id] = i;
        siftUp(i);
        siftDown(pos_[last.id]);
    }
    void place(std::uint32_t i, const Node& n) {
        heap_[i] = n;
        pos_[n.id] = i;
    }
    void siftUp(std::uint32_t i) {
        const Node n = heap_[i];
        while (i > 0) {
            const std::uint32_t parent = (i - 1) / 2;
            if (heap_[parent].key >= n.key) break;
            place(i, heap_[parent]);
            i = parent;
        }
        place(i, n);
    }
    void siftDown(std::uint32_t i) {
        const Node n = heap_[i];
        const auto size = static_cast<std::uint32_t>(heap_.size());
        for (;;) {
            std::uint32_t child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && heap_[child + 1].key > heap_[child].key) ++child;
            if (heap_[child].key <= n.key) break;
            place(i, heap_[child]);
            i = child;
        }
        place(i, n);
    }

    std::vector<Node> heap_;
    std::vector<std::uint32_t> pos_;
};

}  // namespace breakeven
