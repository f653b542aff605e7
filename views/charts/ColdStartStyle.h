#pragma once
// Look shared by the cold-start and timeline charts: the deployment colours
// (the cost curves' order, so a deployment keeps its colour across views),
// compact chart chrome that follows the widget palette (Light and Dark
// themes), and rendering a chart widget into any QPainter (PDF report).
#include <cstddef>

#include <QChart>
#include <QColor>
#include <QPalette>
#include <QString>

QT_BEGIN_NAMESPACE
class QPainter;
class QRectF;
class QWidget;
QT_END_NAMESPACE

namespace breakeven::views::chartstyle {

// Tableau 10: distinct on light and dark backgrounds.
QColor deploymentColour(std::size_t index);
// Small margins and fonts: several charts share one view.
void makeCompact(QChart* chart, const QString& title);
// Background, title, legend and every axis in the palette's colours.
void applyPalette(QChart* chart, const QPalette& palette);
// Lays `widget` out at target's size and paints it there. A top-level
// widget never shown is shown off screen first so its layout and charts
// get their geometry.
void renderWidget(QWidget& widget, QPainter* painter, const QRectF& target);
// "$1,234" / "$12.34".
QString usd(double value);
// 0.0123 s -> "12.3 ms", 2.5 -> "2.50 s".
QString seconds(double value);

}  // namespace breakeven::views::chartstyle
