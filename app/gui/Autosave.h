#pragma once
// Autosave (DESIGN.md "User-facing conventions"): every few minutes a
// modified, already-saved workspace is written to its recovery file
// (".NAME.autosave" beside it, model/io/Workspace.h); a real save removes
// it, and opening a workspace with a newer autosave offers to restore it.
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace breakeven::gui {

class WorkspaceDocument;

class Autosave : public QObject {
    Q_OBJECT
public:
    // intervalMs <= 0: never on its own (saveNow still works).
    explicit Autosave(int intervalMs, QObject* parent = nullptr);
    void setDocument(WorkspaceDocument* document);
    // Writes the recovery file now when there is something to recover.
    void saveNow();

private:
    QTimer timer_;
    QPointer<WorkspaceDocument> document_;
};

}  // namespace breakeven::gui
