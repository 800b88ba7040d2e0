// Makes sure a real mosquitto is on the machine before the tests run (Debian package): the
// ThinQ push e2e proves the gateway's MQTT client against a standard broker with it. Like
// redis-server, it never skips: without mosquitto the run fails here, loudly.
require('./apt-ensure').ensureCommand('mosquitto', 'mosquitto');
