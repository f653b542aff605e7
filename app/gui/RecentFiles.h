#pragma once
// File ▸ Open Recent: the most recent workspaces, newest first, kept in QSettings.
#include <QStringList>

namespace breakeven::gui {

inline constexpr int kMaxRecentFiles = 8;

QStringList recentFiles();
void addRecentFile(const QString& path);
void clearRecentFiles();

}  // namespace breakeven::gui
