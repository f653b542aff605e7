# Layering check, run as a script so it needs neither a compiler nor Qt:
#   cmake -DSOURCE_DIR=<repo root> -P tests/check_include_graph.cmake
#
# Rules (paths relative to SOURCE_DIR):
#   model/       no Qt; no pricing/, views/ or app/ headers
#   pricing/     no Qt; no views/ or app/ headers
#   views/       no app/ headers
#   app/cli/     no QtWidgets; no views/ headers
#   everywhere   Qt Charts only inside views/charts/
#
# It reads #include lines textually: an include inside a block comment or
# an #if 0 region still counts. That errs on the side of failing, which is
# the cheap direction for a layering test.
cmake_minimum_required(VERSION 3.25)

if(NOT DEFINED SOURCE_DIR OR SOURCE_DIR STREQUAL "")
  message(FATAL_ERROR "check_include_graph: pass -DSOURCE_DIR=<repository root>")
endif()
get_filename_component(SOURCE_DIR "${SOURCE_DIR}" ABSOLUTE)
if(NOT IS_DIRECTORY "${SOURCE_DIR}")
  message(FATAL_ERROR "check_include_graph: SOURCE_DIR '${SOURCE_DIR}' is not a directory")
endif()

set(LAYER_DIRS model pricing views app)
set(SOURCE_GLOBS *.h *.hpp *.hh *.hxx *.cpp *.cc *.cxx *.ipp *.inl *.tpp)

# --- header classification -------------------------------------------------
# Each function sets <out> to TRUE/FALSE for an include name such as
# "QtCore/QString" or "model/core/Rng.h" (without the <> or "").

function(is_qt_header name out)
  set(result FALSE)
  # Class headers (<QString>), module headers (<QtCore/...>, <QtCharts>) and
  # Qt's lowercase forwarding headers (<qstring.h>). quadmath.h is GCC's,
  # the one standard-ish header that would otherwise look like Qt.
  if(name MATCHES "^(Q[A-Z0-9]|[Qq][Tt])")
    set(result TRUE)
  elseif(name MATCHES "^q[a-z0-9_]*\\.h$" AND NOT name STREQUAL "quadmath.h")
    set(result TRUE)
  endif()
  set(${out} ${result} PARENT_SCOPE)
endfunction()

function(is_qt_charts_header name out)
  set(result FALSE)
  # Strip a module prefix so <QtCharts/QLineSeries> and <QLineSeries> are
  # judged by the same class-name rules.
  string(REGEX REPLACE "^[^/]*/" "" leaf "${name}")
  if(name MATCHES "^([Qq][Tt][Cc]harts|QChart|qchart)")
    set(result TRUE)
  elseif(leaf MATCHES "^(QChart|QPolarChart|QLegend)")
    set(result TRUE)
  # Every Qt Charts series, axis, set and model mapper follows these naming
  # patterns; a suffix list keeps working when Qt adds a new series type.
  # "Q.+Set" needs a character in between so that QtCore's <QSet> passes.
  elseif(leaf MATCHES "^Q[A-Za-z0-9]*(Series|Axis)$"
         OR leaf MATCHES "^Q[A-Za-z0-9]+Set$"
         OR leaf MATCHES "^Q[A-Za-z0-9]*(LegendMarker|ModelMapper|Slice)$")
    set(result TRUE)
  endif()
  set(${out} ${result} PARENT_SCOPE)
endfunction()

function(is_qt_widgets_header name out)
  set(result FALSE)
  string(REGEX REPLACE "^[^/]*/" "" leaf "${name}")
  set(widget_classes
    QApplication QMainWindow QMenu QLabel QFrame QSplitter QStyle QStyleFactory
    QStyleOption QStylePainter QStyledItemDelegate QItemDelegate QAbstractItemView
    QTableView QTreeView QListView QColumnView QHeaderView QUndoView QGraphicsView
    QGraphicsScene QGraphicsItem QSizePolicy QSystemTrayIcon QSplashScreen
    QCompleter QWizard QWizardPage QToolTip QWhatsThis QSlider QDial QLCDNumber
    QSpacerItem QButtonGroup QRubberBand QMdiSubWindow QScroller QTextBrowser
    QLayout QBoxLayout QVBoxLayout QHBoxLayout QGridLayout QFormLayout
    QStackedLayout QDataWidgetMapper QFileIconProvider QGesture QAbstractSlider
    QAbstractSpinBox QAbstractScrollArea)
  if(name MATCHES "^([Qq][Tt][Ww]idgets)")
    set(result TRUE)
  elseif(leaf IN_LIST widget_classes)
    set(result TRUE)
  # Suffixes used only by QtWidgets classes (QWidget, QDockWidget, QDialog,
  # QFileDialog, QPushButton, QComboBox, QLineEdit, QMenuBar, QScrollArea...).
  # "View" is deliberately absent: QtCore has QStringView and QByteArrayView.
  elseif(leaf MATCHES "^Q[A-Za-z0-9]*(Widget|Dialog|Button|Box|Edit|Bar|Area)$")
    set(result TRUE)
  endif()
  set(${out} ${result} PARENT_SCOPE)
endfunction()

# --- scanning --------------------------------------------------------------

set(violations "")
set(violation_count 0)
set(files_checked 0)
set(any_layer_dir FALSE)

# A function, not a macro: macro arguments are substituted textually and
# would re-expand anything in an include name that looks like ${...}.
function(report rel line_no spelled rule)
  string(APPEND violations "\n  ${rel}:${line_no}: #include ${spelled} -- ${rule}")
  math(EXPR count "${violation_count} + 1")
  set(violations "${violations}" PARENT_SCOPE)
  set(violation_count ${count} PARENT_SCOPE)
endfunction()

foreach(layer IN LISTS LAYER_DIRS)
  if(NOT IS_DIRECTORY "${SOURCE_DIR}/${layer}")
    continue()
  endif()
  set(any_layer_dir TRUE)

  set(globs "")
  foreach(pattern IN LISTS SOURCE_GLOBS)
    list(APPEND globs "${SOURCE_DIR}/${layer}/${pattern}")
  endforeach()
  file(GLOB_RECURSE layer_files LIST_DIRECTORIES FALSE ${globs})
  list(SORT layer_files)

  foreach(path IN LISTS layer_files)
    math(EXPR files_checked "${files_checked} + 1")
    file(RELATIVE_PATH rel "${SOURCE_DIR}" "${path}")
    get_filename_component(file_dir "${path}" DIRECTORY)

    file(READ "${path}" content)
    if(NOT content MATCHES "#[ \t]*include")
      continue()
    endif()

    # CMake lists split on ';', treat '\;' as an escaped separator and do
    # not split inside unbalanced '[' ']'. Any of these in a source line
    # would merge or split lines and shift every reported line number, so
    # they are neutralised before the content is turned into a list.
    string(REPLACE "\\" "/" content "${content}")
    string(REPLACE ";" "," content "${content}")
    string(REPLACE "[" "(" content "${content}")
    string(REPLACE "]" ")" content "${content}")
    string(REPLACE "\r" "" content "${content}")
    # Includes sit near the top; dropping everything after the last one
    # keeps the line-by-line loop below short on large files.
    string(FIND "${content}" "include" last_include REVERSE)
    string(SUBSTRING "${content}" ${last_include} -1 tail)
    string(FIND "${tail}" "\n" tail_eol)
    if(tail_eol GREATER_EQUAL 0)
      math(EXPR keep "${last_include} + ${tail_eol}")
      string(SUBSTRING "${content}" 0 ${keep} content)
    endif()
    string(REPLACE "\n" ";" lines "${content}")

    set(line_no 0)
    foreach(line IN LISTS lines)
      math(EXPR line_no "${line_no} + 1")
      if(NOT line MATCHES "^[ \t]*#[ \t]*include[ \t]*([<\"])([^>\"]+)[>\"]")
        continue()
      endif()
      set(delim "${CMAKE_MATCH_1}")
      string(STRIP "${CMAKE_MATCH_2}" name)
      if(delim STREQUAL "<")
        set(spelled "<${name}>")
      else()
        set(spelled "\"${name}\"")
      endif()

      # Which project layer, if any, the included header belongs to.
      # "../views/X.h" style paths are resolved against the including file
      # so they cannot slip past the prefix test.
      set(target_rel "${name}")
      if(delim STREQUAL "\"" AND NOT name MATCHES "^(model|pricing|views|app)/")
        cmake_path(ABSOLUTE_PATH name BASE_DIRECTORY "${file_dir}" NORMALIZE
                   OUTPUT_VARIABLE resolved)
        cmake_path(IS_PREFIX SOURCE_DIR "${resolved}" NORMALIZE inside_tree)
        if(inside_tree)
          file(RELATIVE_PATH target_rel "${SOURCE_DIR}" "${resolved}")
        endif()
      endif()
      set(target_layer "")
      if(target_rel MATCHES "^(model|pricing|views|app)/")
        set(target_layer "${CMAKE_MATCH_1}")
      endif()

      is_qt_header("${name}" qt)
      is_qt_charts_header("${name}" qt_charts)
      is_qt_widgets_header("${name}" qt_widgets)

      if(rel MATCHES "^model/")
        if(qt)
          report("${rel}" ${line_no} "${spelled}" "model/ must not include Qt")
        endif()
        if(target_layer MATCHES "^(pricing|views|app)$")
          report("${rel}" ${line_no} "${spelled}"
                 "model/ must not include ${target_layer}/ headers")
        endif()
      endif()

      if(rel MATCHES "^pricing/")
        if(qt)
          report("${rel}" ${line_no} "${spelled}" "pricing/ must not include Qt")
        endif()
        if(target_layer MATCHES "^(views|app)$")
          report("${rel}" ${line_no} "${spelled}"
                 "pricing/ must not include ${target_layer}/ headers")
        endif()
      endif()

      if(rel MATCHES "^views/" AND target_layer STREQUAL "app")
        report("${rel}" ${line_no} "${spelled}" "views/ must not include app/ headers")
      endif()

      if(rel MATCHES "^app/cli/")
        if(qt_widgets)
          report("${rel}" ${line_no} "${spelled}" "app/cli/ must not include QtWidgets")
        endif()
        if(target_layer STREQUAL "views")
          report("${rel}" ${line_no} "${spelled}" "app/cli/ must not include views/ headers")
        endif()
      endif()

      # Covers app/cli/ too, so its Qt Charts ban needs no rule of its own.
      if(qt_charts AND NOT rel MATCHES "^views/charts/")
        report("${rel}" ${line_no} "${spelled}"
               "Qt Charts may only be included under views/charts/")
      endif()
    endforeach()
  endforeach()
endforeach()

# An empty scan would pass vacuously, which is what a mistyped SOURCE_DIR
# looks like; refuse rather than report success.
if(NOT any_layer_dir)
  message(FATAL_ERROR "check_include_graph: none of ${LAYER_DIRS} exists under "
                      "'${SOURCE_DIR}' -- wrong SOURCE_DIR?")
endif()
if(files_checked EQUAL 0)
  message(FATAL_ERROR "check_include_graph: no source files found under '${SOURCE_DIR}'")
endif()

if(violation_count GREATER 0)
  message(FATAL_ERROR "include graph: ${violation_count} layering violation(s) "
                      "(${files_checked} files checked):${violations}\n")
endif()
message("include graph OK: ${files_checked} files checked")
