// Fixture for check_include_graph_selftest: the CLI must not include QtWidgets.
#include <QWidget>
