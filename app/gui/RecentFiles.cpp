#include "app/gui/RecentFiles.h"

#include <QFileInfo>
#include <QSettings>

namespace breakeven::gui {

namespace {
const char* const kKey = "recentFiles";
}

QStringList recentFiles() { return QSettings().value(kKey).toStringList(); }

void addRecentFile(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = recentFiles();
    list.removeAll(absolute);
    list.prepend(absolute);
    while (list.size() > kMaxRecentFiles) list.removeLast();
    QSettings().setValue(kKey, list);
}

void clearRecentFiles() { QSettings().remove(kKey); }

}  // namespace breakeven::gui
