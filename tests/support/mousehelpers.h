#pragma once

#include <QPoint>
#include <Qt>

class QWidget;

namespace bulkhead::test {

/**
 * Hand-built mouse events for widgets under test. QTest::mouseMove carries no button state,
 * so drags are sent as press, moves with the left button held, and release (as Qt's own
 * QGraphicsView tests do). Positions are in the widget's coordinates; send to a view's
 * viewport(), not the view.
 */
void mousePress(QWidget *widget, QPoint pos, Qt::MouseButton button = Qt::LeftButton,
                Qt::KeyboardModifiers modifiers = Qt::NoModifier);
void mouseMove(QWidget *widget, QPoint pos, Qt::MouseButtons buttons = Qt::LeftButton);
void mouseRelease(QWidget *widget, QPoint pos, Qt::MouseButton button = Qt::LeftButton);
/** Press at `from`, move in `steps` steps, release at `to`. */
void mouseDrag(QWidget *widget, QPoint from, QPoint to, int steps = 6);
void mouseClick(QWidget *widget, QPoint pos);

} // namespace bulkhead::test
