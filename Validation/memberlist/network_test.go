package main

import (
	"crypto/aes"
	"crypto/cipher"
	"testing"
)

// An encrypted packet is counted under the type of the message inside it, as memberlist's
// encryptPayload seals it: version byte 1, a nonce, then the sealed message.
func TestPacketType_OpensAnEncryptedPacket(t *testing.T) {
	nw := NewNetwork(1, Latency{}, 0, 1)
	if err := nw.SetKey(gossipKey); err != nil {
		t.Fatal(err)
	}
	block, _ := aes.NewCipher(gossipKey)
	gcm, _ := cipher.NewGCM(block)
	nonce := make([]byte, nonceSize)
	ack := []byte{2, 0x82} // ackRespMsg, then its msgpack
	sealed := append([]byte{encryptionVersion}, nonce...)
	sealed = gcm.Seal(sealed, nonce, ack, nil)
	if len(sealed) != len(ack)+29 {
		t.Errorf("sealed length %d, want the message's %d + 29", len(sealed), len(ack))
	}
	if got := nw.packetType(sealed); got != 2 {
		t.Errorf("packetType = %d, want 2 (ack)", got)
	}
	if got := nw.packetType(ack); got != msgTypes-1 {
		t.Errorf("an unencrypted packet in an encrypting cluster: packetType = %d, want %d", got, msgTypes-1)
	}
}
