#include "mousehelpers.h"

#include <QApplication>
#include <QMouseEvent>
#include <QWidget>

namespace bulkhead::test {

namespace {

void send(QWidget *widget, QEvent::Type type, QPoint pos, Qt::MouseButton button,
          Qt::MouseButtons buttons, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QMouseEvent event(type, QPointF(pos), QPointF(widget->mapToGlobal(pos)), button, buttons, modifiers);
    QApplication::sendEvent(widget, &event);
    QApplication::processEvents();
}

} // namespace

void mousePress(QWidget *widget, QPoint pos, Qt::MouseButton button, Qt::KeyboardModifiers modifiers)
{
    send(widget, QEvent::MouseButtonPress, pos, button, button, modifiers);
}

void mouseMove(QWidget *widget, QPoint pos, Qt::MouseButtons buttons)
{
    send(widget, QEvent::MouseMove, pos, Qt::NoButton, buttons);
}

void mouseRelease(QWidget *widget, QPoint pos, Qt::MouseButton button)
{
    send(widget, QEvent::MouseButtonRelease, pos, button, Qt::NoButton);
}

void mouseDrag(QWidget *widget, QPoint from, QPoint to, int steps)
{
    mousePress(widget, from);
    for (int i = 1; i <= steps; ++i)
        mouseMove(widget, from + (to - from) * i / steps);
    mouseRelease(widget, to);
}

void mouseClick(QWidget *widget, QPoint pos)
{
    mousePress(widget, pos);
    mouseRelease(widget, pos);
}

} // namespace bulkhead::test
