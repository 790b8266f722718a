package jet_test

import (
	"fmt"
	"io"
	"net"
	"sync"
)

// switchboard is a TCP proxy on a free loopback port that carries each
// connection to the port it is told. Moving it to another port cuts every
// connection it carries, so that a client sees one device go away and
// another answer on the same address: a device reboot, without reusing a
// port.
type switchboard struct {
	listener net.Listener
	mu       sync.Mutex
	target   int
	epoch    int // counts the moves; a connection dialled before one is dropped
	conns    map[net.Conn]struct{}
	closed   bool
}

// startSwitchboard listens on a free loopback port, carrying to target.
func startSwitchboard(target int) (*switchboard, error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &switchboard{listener: listener, target: target, conns: map[net.Conn]struct{}{}}
	go s.serve()
	return s, nil
}

// port is the port clients connect to.
func (s *switchboard) port() int {
	return s.listener.Addr().(*net.TCPAddr).Port
}

// moveTo carries new connections to target and cuts the open ones.
func (s *switchboard) moveTo(target int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.target = target
	s.epoch++
	s.cutLocked()
}

// close stops listening and cuts every connection.
func (s *switchboard) close() {
	_ = s.listener.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closed = true
	s.cutLocked()
}

func (s *switchboard) cutLocked() {
	for c := range s.conns {
		_ = c.Close()
	}
	s.conns = map[net.Conn]struct{}{}
}

func (s *switchboard) serve() {
	for {
		client, err := s.listener.Accept()
		if err != nil {
			return
		}
		go s.carry(client)
	}
}

// carry connects client to the current target and copies both ways.
func (s *switchboard) carry(client net.Conn) {
	s.mu.Lock()
	target, epoch := s.target, s.epoch
	s.conns[client] = struct{}{}
	s.mu.Unlock()
	upstream, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", target))
	s.mu.Lock()
	if err != nil || epoch != s.epoch || s.closed {
		s.mu.Unlock()
		_ = client.Close()
		if upstream != nil {
			_ = upstream.Close()
		}
		return
	}
	s.conns[upstream] = struct{}{}
	s.mu.Unlock()
	go pipe(upstream, client)
	pipe(client, upstream)
}

// pipe copies src to dst until either ends, then closes both.
func pipe(dst, src net.Conn) {
	_, _ = io.Copy(dst, src)
	_ = dst.Close()
	_ = src.Close()
}
