#pragma once
// View ▸ Theme: System follows the platform palette; Light and Dark set a
// Fusion palette (Qt 6.4 has no colour-scheme API).
#include <QString>

namespace breakeven::gui {

enum class Theme { System, Light, Dark };

QString themeKey(Theme theme);             // "system", "light", "dark"
Theme themeFromKey(const QString& key);    // unknown -> System
// Applies to the running QApplication. `systemStyle` is the style name the
// application started with (restored for System).
void applyTheme(Theme theme, const QString& systemStyle);

}  // namespace breakeven::gui
