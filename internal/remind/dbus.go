package remind

import (
	"github.com/godbus/dbus/v5"
)

// The freedesktop desktop notifications service.
const (
	notifyService = "org.freedesktop.Notifications"
	notifyPath    = "/org/freedesktop/Notifications"
	notifyMethod  = notifyService + ".Notify"
)

// DBus sends notifications to the freedesktop notifications service on a
// session bus.
type DBus struct {
	conn *dbus.Conn
}

// SessionBus connects to the session bus ($DBUS_SESSION_BUS_ADDRESS).
func SessionBus() (*DBus, error) {
	conn, err := dbus.ConnectSessionBus()
	if err != nil {
		return nil, err
	}
	return &DBus{conn: conn}, nil
}

// ConnectBus connects to the bus at address.
func ConnectBus(address string) (*DBus, error) {
	conn, err := dbus.Connect(address)
	if err != nil {
		return nil, err
	}
	return &DBus{conn: conn}, nil
}

// Notify sends one notification with the default timeout.
func (d *DBus) Notify(summary, body string) error {
	obj := d.conn.Object(notifyService, notifyPath)
	call := obj.Call(notifyMethod, 0, "visitline", uint32(0), "", summary, body, []string{}, map[string]dbus.Variant{}, int32(-1))
	return call.Err
}

// Close closes the connection.
func (d *DBus) Close() error { return d.conn.Close() }
