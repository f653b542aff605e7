#pragma once
// The two ways `breakeven` runs without a person at the screen:
// the results summary on stdout (no display needed), and a screenshot of
// the window once its runs have finished (offscreen platform is fine).
#include <iosfwd>

#include "app/gui/LaunchOptions.h"

namespace breakeven::gui {

class MainWindow;

// Simulates and prices the workspace's scenario exactly as the window does
// and prints the table. Returns the exit code (2 on bad input).
int printHeadlessSummary(const LaunchOptions& options, const QString& workspace, std::ostream& out,
                         std::ostream& err);

// Shows `window` at options.size, waits for the run in progress (if any),
// saves the window to options.screenshot and quits the event loop with 0;
// 2 when the run or the save failed, 3 on timeout. Call before exec().
void scheduleScreenshot(MainWindow& window, const LaunchOptions& options);

}  // namespace breakeven::gui
