#include "views/charts/ColdStartStyle.h"

#include <iterator>

#include <QAbstractAxis>
#include <QCoreApplication>
#include <QGraphicsLayout>
#include <QLayout>
#include <QLegend>
#include <QPainter>
#include <QWidget>

namespace breakeven::views::chartstyle {

QColor deploymentColour(std::size_t index) {
    static const QColor colours[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                     QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75),
                                     QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),
                                     QColor(23, 190, 207)};
    return colours[index % std::size(colours)];
}

void makeCompact(QChart* chart, const QString& title) {
    chart->setTitle(title);
    QFont titleFont = chart->titleFont();
    titleFont.setBold(true);
    titleFont.setPointSizeF(9.5);
    chart->setTitleFont(titleFont);
    chart->setBackgroundRoundness(0);
    chart->setMargins(QMargins(2, 2, 2, 2));
    chart->layout()->setContentsMargins(0, 0, 0, 0);
    QFont legendFont = chart->legend()->font();
    legendFont.setPointSizeF(8.5);
    chart->legend()->setFont(legendFont);
}

void applyPalette(QChart* chart, const QPalette& palette) {
    const QColor text = palette.color(QPalette::Text);
    const QColor base = palette.color(QPalette::Base);
    QColor grid = text;
    grid.setAlpha(55);
    QColor minor = text;
    minor.setAlpha(20);
    chart->setBackgroundBrush(base);
    chart->setPlotAreaBackgroundVisible(false);
    chart->setTitleBrush(text);
    chart->legend()->setLabelColor(text);
    QFont axisFont = chart->font();
    axisFont.setPointSizeF(8.0);
    for (QAbstractAxis* axis : chart->axes()) {
        axis->setLabelsColor(text);
        axis->setLabelsFont(axisFont);
        axis->setTitleBrush(text);
        axis->setTitleFont(axisFont);
        axis->setGridLineColor(grid);
        axis->setMinorGridLineColor(minor);
        axis->setLinePenColor(grid);
    }
}

void renderWidget(QWidget& widget, QPainter* painter, const QRectF& target) {
    if (widget.isWindow() && !widget.isVisible()) {
        widget.setAttribute(Qt::WA_DontShowOnScreen);
        widget.show();
    }
    widget.resize(target.size().toSize());
    if (widget.layout() != nullptr) widget.layout()->activate();
    QCoreApplication::sendPostedEvents();  // resize events: the charts take their new geometry
    widget.render(painter, target.topLeft().toPoint(), QRegion(), QWidget::DrawChildren);
}

QString usd(double value) {
    return value >= 1000.0 ? QStringLiteral("$%L1").arg(value, 0, 'f', 0) : QStringLiteral("$%1").arg(value, 0, 'f', 2);
}

QString seconds(double value) {
    if (value < 1.0) return QStringLiteral("%1 ms").arg(value * 1e3, 0, 'f', 1);
    return QStringLiteral("%1 s").arg(value, 0, 'f', 2);
}

}  // namespace breakeven::views::chartstyle
