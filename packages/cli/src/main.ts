console.log('cli: coming');
