'use strict';
// node-zookeeper-client against the ensemble under test: create/get/set/delete/exists/getChildren,
// ephemeral + sequential nodes, a transaction (success and atomic failure) and a watch.
// Prints "ok CHECK" per check and PASS at the end; the first failed check prints FAILED and exits 1.
// Arguments: CONNECT_STRING ROOT
const path = require('path');
let zookeeper;
try {
    zookeeper = require(path.join(__dirname, '..', '..', 'node', 'node_modules', 'node-zookeeper-client'));
} catch (e) {
    console.log('FAILED node-zookeeper-client is not installed: npm ci --prefix tests/ZabActors.Compatibility/node (' + e.message + ')');
    process.exit(1);
}
const { CreateMode, Exception, Event } = zookeeper;
const [hosts, root] = process.argv.slice(2);
const TIMEOUT_MS = 10000;

function fail(message) {
    console.log('FAILED ' + message);
    process.exit(1);
}

function check(name, condition, detail) {
    if (!condition) {
        fail(name + ' ' + (detail || ''));
    }
    console.log('ok ' + name);
}

function equal(name, expected, actual) {
    check(name, JSON.stringify(expected) === JSON.stringify(actual), 'expected ' + JSON.stringify(expected) + ', got ' + JSON.stringify(actual));
}

// Promisifies a callback call; resolves with the callback's results after the error.
function call(client, method, ...args) {
    return new Promise((resolve, reject) => {
        client[method](...args, (error, ...results) => (error ? reject(error) : resolve(results)));
    });
}

async function expectCode(name, code, promise) {
    try {
        await promise;
    } catch (error) {
        equal(name, code, typeof error.getCode === 'function' ? error.getCode() : String(error));
        return;
    }
    fail(name + ': expected code ' + code + ', nothing was raised');
}

function connect() {
    const client = zookeeper.createClient(hosts, { sessionTimeout: 10000 });
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('not connected within ' + TIMEOUT_MS + ' ms')), TIMEOUT_MS);
        client.once('connected', () => {
            clearTimeout(timer);
            resolve(client);
        });
        client.connect();
    });
}

function within(name, promise) {
    return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(name + ' did not happen within ' + TIMEOUT_MS + ' ms')), TIMEOUT_MS))]);
}

async function operations(zk) {
    await call(zk, 'mkdirp', path.posix.dirname(root));
    const [created] = await call(zk, 'create', root, Buffer.from('root'), CreateMode.PERSISTENT);
    equal('create', root, created);
    const [data, stat] = await call(zk, 'getData', root);
    equal('getData', 'root', data.toString());
    equal('getData version', 0, stat.version);
    const [after] = await call(zk, 'setData', root, Buffer.from('v1'), 0);
    equal('setData bumps version', 1, after.version);
    await expectCode('setData stale version', Exception.BAD_VERSION, call(zk, 'setData', root, Buffer.from('v2'), 0));
    const [exists] = await call(zk, 'exists', root);
    check('exists', exists !== null);
    const [missing] = await call(zk, 'exists', root + '/missing');
    equal('exists missing', null, missing);
    await expectCode('getData missing', Exception.NO_NODE, call(zk, 'getData', root + '/missing'));
    await expectCode('create twice', Exception.NODE_EXISTS, call(zk, 'create', root, CreateMode.PERSISTENT));

    const [eph] = await call(zk, 'create', root + '/eph', Buffer.from('e'), CreateMode.EPHEMERAL);
    const [ephStat] = await call(zk, 'exists', eph);
    equal('ephemeral owner is the session', zk.getSessionId().toString('hex'), ephStat.ephemeralOwner.toString('hex'));
    const [s1] = await call(zk, 'create', root + '/seq-', CreateMode.PERSISTENT_SEQUENTIAL);
    const [s2] = await call(zk, 'create', root + '/seq-', CreateMode.EPHEMERAL_SEQUENTIAL);
    check('sequential suffix', /\/seq-\d{10}$/.test(s1), s1);
    check('sequence increases', Number(s2.slice(-10)) > Number(s1.slice(-10)), s1 + ' ' + s2);
    const [children] = await call(zk, 'getChildren', root);
    equal('getChildren', ['eph', path.basename(s1), path.basename(s2)].sort(), children.sort());
    await expectCode('delete non-empty', Exception.NOT_EMPTY, call(zk, 'remove', root, -1));
    await expectCode('delete stale version', Exception.BAD_VERSION, call(zk, 'remove', s1, 3));
    await call(zk, 'remove', s1, 0);
    const [gone] = await call(zk, 'exists', s1);
    equal('delete', null, gone);
}

async function transaction(zk) {
    const tx = zk.transaction()
        .create(root + '/t1', Buffer.from('one'))
        .create(root + '/t2', Buffer.from('two'))
        .setData(root, Buffer.from('tx'), 1)
        .check(root + '/t1', 0);
    const [results] = await call(tx, 'commit');
    equal('transaction results', 4, results.length);
    const [data] = await call(zk, 'getData', root);
    equal('transaction applied', 'tx', data.toString());
    const failing = zk.transaction().create(root + '/t3').remove(root + '/t1', 9);
    await expectCode('transaction failure code', Exception.BAD_VERSION, call(failing, 'commit'));
    const [t3] = await call(zk, 'exists', root + '/t3');
    equal('transaction failure is atomic', null, t3);
}

async function watch(zk) {
    const other = await connect();
    // The watch is registered once the read answers; only then does the other session write.
    let fireData;
    const dataEvent = new Promise((resolve) => { fireData = resolve; });
    await call(zk, 'getData', root + '/t1', fireData);
    await call(other, 'setData', root + '/t1', Buffer.from('changed'), -1);
    const event = await within('data watch', dataEvent);
    equal('data watch type', Event.NODE_DATA_CHANGED, event.getType());
    equal('data watch path', root + '/t1', event.getPath());
    let fireChild;
    const childEvent = new Promise((resolve) => { fireChild = resolve; });
    await call(zk, 'getChildren', root, fireChild);
    await call(other, 'create', root + '/t4', CreateMode.PERSISTENT);
    equal('child watch type', Event.NODE_CHILDREN_CHANGED, (await within('child watch', childEvent)).getType());
    other.close();
}

async function main() {
    const zk = await connect();
    await operations(zk);
    await transaction(zk);
    await watch(zk);
    zk.close();
    console.log('PASS');
    process.exit(0);
}

main().catch((error) => fail('unexpected error: ' + (error && error.stack ? error.stack : error)));
