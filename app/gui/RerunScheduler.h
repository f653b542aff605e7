#pragma once
// Debounces re-runs after edits: schedule() cancels the run in progress and
// clears its stale results at once (the `cancel` callback), and starts the next run only `delayMs` after
// the last of a burst of edits, so typing "4096" re-runs once, not four times.
#include <functional>

#include <QObject>
#include <QTimer>

namespace breakeven::gui {

class RerunScheduler : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultDelayMs = 400;

    RerunScheduler(std::function<void()> cancel, std::function<void()> run, QObject* parent = nullptr);

    // clearNow=false keeps what is shown until the run (it is still right,
    // e.g. a table re-priced after a price edit).
    void schedule(bool clearNow = true);
    void setDelay(int ms) { timer_.setInterval(ms); }
    [[nodiscard]] int delay() const { return timer_.interval(); }
    [[nodiscard]] bool isPending() const { return timer_.isActive(); }

private:
    std::function<void()> cancel_;
    std::function<void()> run_;
    QTimer timer_;
};

}  // namespace breakeven::gui
