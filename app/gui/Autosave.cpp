#include "app/gui/Autosave.h"

#include <exception>
#include <iostream>

#include "app/gui/WorkspaceDocument.h"

namespace breakeven::gui {

Autosave::Autosave(int intervalMs, QObject* parent) : QObject(parent) {
    timer_.setInterval(intervalMs);
    connect(&timer_, &QTimer::timeout, this, &Autosave::saveNow);
    if (intervalMs > 0) timer_.start();
}

void Autosave::setDocument(WorkspaceDocument* document) { document_ = document; }

void Autosave::saveNow() {
    if (document_ == nullptr || !document_->isModified() || document_->filePath().isEmpty()) return;
    try {
        saveAutosave(document_->workspace(), document_->workspace().path);
    } catch (const std::exception& e) {
        // Never interrupts the user: the real save reports problems.
        std::cerr << "breakeven: autosave failed: " << e.what() << '\n';
    }
}

}  // namespace breakeven::gui
