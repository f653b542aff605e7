#include "app/gui/RerunScheduler.h"

namespace breakeven::gui {

RerunScheduler::RerunScheduler(std::function<void()> cancel, std::function<void()> run, QObject* parent)
    : QObject(parent), cancel_(std::move(cancel)), run_(std::move(run)) {
    timer_.setSingleShot(true);
    timer_.setInterval(kDefaultDelayMs);
    connect(&timer_, &QTimer::timeout, this, [this] { run_(); });
}

void RerunScheduler::schedule(bool clearNow) {
    if (clearNow && !timer_.isActive() && cancel_) cancel_();  // once per burst
    timer_.start();  // restarts: the delay counts from the last edit
}

}  // namespace breakeven::gui
