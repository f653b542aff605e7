#include "app/gui/report/PageFlow.h"

#include <algorithm>

#include <QFontMetricsF>
#include <QPainter>
#include <QPdfWriter>
#include <QTextLayout>

namespace breakeven::report {

namespace {
constexpr double kFooterPt = 28.0;  // the footer and a gap above its rule

// Wraps at word boundaries, and inside a word only when it is wider than the
// line (long URLs and ids).
QTextOption wrapping(Qt::Alignment align = Qt::AlignLeft) {
    QTextOption o(align);
    o.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    return o;
}

// Lays `text` out in `width`; returns its height (the layout is left ready to draw).
double layOut(QTextLayout& layout, double width, double leading) {
    double height = 0.0;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(width);
        line.setPosition(QPointF(0.0, height));
        height += line.height() + leading;
    }
    layout.endLayout();
    return height;
}

double drawWrapped(QPainter& p, const QString& text, const QFont& font, const QRectF& box, Qt::Alignment align) {
    QTextLayout layout(text, font, p.device());
    layout.setTextOption(wrapping(align));
    const double height = layOut(layout, box.width(), 0.0);
    layout.draw(&p, box.topLeft());
    return height;
}
}  // namespace

PageFlow::PageFlow(QPdfWriter& writer, QPainter& painter, QString footerLeft, int totalPages)
    : writer_(writer), p_(painter), footerLeft_(std::move(footerLeft)), totalPages_(totalPages),
      dpi_(writer.resolution()) {
    body_ = QRectF(0.0, 0.0, writer.width(), writer.height() - pt(kFooterPt));
    y_ = body_.top();
}

QFont PageFlow::bodyFont() const {
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(9.5);
    return f;
}

QFont PageFlow::monoFont() const {
    QFont f(QStringLiteral("DejaVu Sans Mono"));
    f.setStyleHint(QFont::Monospace);
    f.setPointSizeF(8.0);
    return f;
}

void PageFlow::footer() {
    QFont f = bodyFont();
    f.setPointSizeF(8.0);
    p_.save();
    p_.setFont(f);
    p_.setPen(QColor(90, 90, 90));
    const QRectF box(0.0, writer_.height() - pt(15), writer_.width(), pt(15));
    p_.drawLine(QPointF(box.left(), box.top() - pt(3)), QPointF(box.right(), box.top() - pt(3)));
    const QString number = totalPages_ > 0 ? QStringLiteral("Page %1 of %2").arg(page_).arg(totalPages_)
                                           : QStringLiteral("Page %1").arg(page_);
    p_.drawText(box, Qt::AlignRight | Qt::AlignVCenter, number);
    QFontMetricsF fm(f, &writer_);
    const QString left = fm.elidedText(footerLeft_, Qt::ElideMiddle, box.width() - fm.horizontalAdvance(number) - pt(20));
    p_.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, left);
    p_.restore();
}

void PageFlow::newPage() {
    footer();
    writer_.newPage();
    ++page_;
    y_ = body_.top();
}

void PageFlow::finish() { footer(); }

void PageFlow::ensure(double height) {
    if (y_ > body_.top() && y_ + height > body_.bottom()) newPage();
}

void PageFlow::space(double points) { y_ = std::min(y_ + pt(points), body_.bottom()); }

double PageFlow::textHeight(const QString& text, const QFont& font, double width) const {
    QTextLayout layout(text, font, &writer_);
    layout.setTextOption(wrapping());
    return layOut(layout, width, 0.0);
}

void PageFlow::heading(const QString& text, int level) {
    QFont f = bodyFont();
    f.setBold(true);
    f.setPointSizeF(level == 1 ? 16.0 : 12.0);
    const double height = textHeight(text, f, body_.width());
    // Keep a heading with at least a few lines of what follows it.
    ensure(height + pt(level == 1 ? 120 : 80));
    if (level == 1 && y_ > body_.top()) space(8);
    toc_.push_back({text, level, page_});
    p_.setPen(level == 1 ? QColor(20, 50, 110) : QColor(30, 30, 30));
    y_ += drawWrapped(p_, text, f, QRectF(body_.left(), y_, body_.width(), height), Qt::AlignLeft);
    if (level == 1) {
        p_.setPen(QPen(QColor(20, 50, 110), pt(0.8)));
        p_.drawLine(QPointF(body_.left(), y_ + pt(2)), QPointF(body_.right(), y_ + pt(2)));
        y_ += pt(4);
    }
    y_ += pt(6);
}

void PageFlow::paragraph(const QString& text, const QFont& font, double spaceAfterPt) {
    QTextLayout layout(text, font, &writer_);
    layout.setTextOption(wrapping());
    layOut(layout, body_.width(), 0.0);
    p_.setPen(Qt::black);
    // Line by line, so a paragraph longer than the page continues on the next.
    for (int i = 0; i < layout.lineCount(); ++i) {
        const QTextLine line = layout.lineAt(i);
        ensure(line.height());
        line.draw(&p_, QPointF(body_.left(), y_ - line.y()));
        y_ += line.height();
    }
    y_ += pt(spaceAfterPt);
}

void PageFlow::bullets(const QStringList& lines, const QFont& font) {
    const double indent = pt(12);
    p_.setPen(Qt::black);
    for (const QString& text : lines) {
        const double height = textHeight(text, font, body_.width() - indent);
        if (height > body_.height() / 2) {  // very long: plain paragraph, split over pages
            paragraph(QStringLiteral("• ") + text, font, 2.0);
            continue;
        }
        ensure(height);
        p_.setFont(font);
        p_.drawText(QPointF(body_.left() + pt(3), y_ + QFontMetricsF(font, &writer_).ascent()), QStringLiteral("•"));
        drawWrapped(p_, text, font, QRectF(body_.left() + indent, y_, body_.width() - indent, height), Qt::AlignLeft);
        y_ += height + pt(2);
    }
    y_ += pt(4);
}

double PageFlow::rowHeight(const std::vector<TableColumn>& columns, const QStringList& cells, const QFont& font,
                           const std::vector<double>& widths) const {
    double height = 0.0;
    for (std::size_t c = 0; c < columns.size() && static_cast<int>(c) < cells.size(); ++c)
        height = std::max(height, textHeight(cells[static_cast<int>(c)], font, widths[c] - pt(6)));
    return height + pt(5);
}

void PageFlow::drawRow(const std::vector<TableColumn>& columns, const QStringList& cells, const QFont& font,
                       const std::vector<double>& widths, double height, bool header, bool shaded) {
    double x = body_.left();
    if (header || shaded)
        p_.fillRect(QRectF(body_.left(), y_, body_.width(), height), header ? QColor(225, 232, 245) : QColor(246, 246, 246));
    p_.setPen(Qt::black);
    for (std::size_t c = 0; c < columns.size() && static_cast<int>(c) < cells.size(); ++c) {
        const QRectF cell(x + pt(3), y_ + pt(2.5), widths[c] - pt(6), height - pt(5));
        drawWrapped(p_, cells[static_cast<int>(c)], font, cell, columns[c].alignRight ? Qt::AlignRight : Qt::AlignLeft);
        x += widths[c];
    }
    p_.setPen(QPen(QColor(200, 200, 200), pt(0.4)));
    p_.drawLine(QPointF(body_.left(), y_ + height), QPointF(body_.right(), y_ + height));
    y_ += height;
}

void PageFlow::table(const std::vector<TableColumn>& columns, const std::vector<QStringList>& rows, const QFont& font) {
    double total = 0.0;
    for (const auto& c : columns) total += c.widthWeight;
    std::vector<double> widths;
    for (const auto& c : columns) widths.push_back(body_.width() * c.widthWeight / total);
    QStringList headers;
    for (const auto& c : columns) headers << c.header;
    QFont headerFont = font;
    headerFont.setBold(true);
    const double headerHeight = rowHeight(columns, headers, headerFont, widths);
    bool headerDrawn = false;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const double height = rowHeight(columns, rows[r], font, widths);
        if (!headerDrawn || y_ + height > body_.bottom()) {
            if (headerDrawn || y_ + headerHeight + height > body_.bottom()) newPage();
            drawRow(columns, headers, headerFont, widths, headerHeight, true, false);
            headerDrawn = true;
        }
        drawRow(columns, rows[r], font, widths, height, false, r % 2 == 1);
    }
    y_ += pt(8);
}

void PageFlow::drawing(double heightPt, const std::function<void(QPainter&, const QRectF&)>& draw) {
    const double height = std::min(pt(heightPt), body_.height());
    ensure(height);
    p_.save();
    draw(p_, QRectF(body_.left(), y_, body_.width(), height));
    p_.restore();
    y_ += height + pt(6);
}

}  // namespace breakeven::report
